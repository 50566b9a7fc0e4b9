package dev.sluice.core.catalog;

import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Shared phrasing of validation messages: name lists, "did you mean", short quotes of values. */
final class Wording {
  private Wording() {}

  private static final int MAX_QUOTED = 40;

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String and(List<String> items) {
    if (items.isEmpty()) {
      return "";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  /** {@code 'a', 'b', 'c'}. */
  static String quoted(Collection<String> names) {
    return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
  }

  /** A value quoted for a message, shortened and kept on one line. */
  static String quote(String value) {
    String stripped = value.strip();
    boolean cut = stripped.length() > MAX_QUOTED;
    String shown = (cut ? stripped.substring(0, MAX_QUOTED) : stripped).replaceAll("\\s+", " ");
    return "'" + shown + (cut ? "..." : "") + "'";
  }

  /** How a scope level reads in a sentence: API in capitals, the others in lower case. */
  static String scope(ScopeLevel level) {
    return level == ScopeLevel.API ? "API" : level.label();
  }

  static String sections(Collection<Section> sections) {
    List<String> names = sections.stream().sorted().map(Section::xmlName).toList();
    return and(names) + (names.size() == 1 ? " section" : " sections");
  }

  static String scopes(Collection<ScopeLevel> levels) {
    List<String> names = levels.stream().sorted().map(Wording::scope).toList();
    return and(names) + (names.size() == 1 ? " scope" : " scopes");
  }

  /** The candidate closest to {@code name} when it is plausibly a misspelling of it. */
  static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      // The distance is at least the difference in length; skipping those keeps hostile names
      // cheap.
      if (Math.abs(candidate.length() - name.length()) > 2) {
        continue;
      }
      int distance = distance(name, candidate);
      if (distance < bestDistance || (distance == bestDistance && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    // A small edit relative to the length: "set-headr" is a typo, "rate" is not "base".
    boolean plausible = best != null && bestDistance <= 2 && bestDistance * 2 < name.length();
    return plausible ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance, case-insensitive (APIM authors often get the case wrong). */
  static int distance(String a, String b) {
    String x = a.toLowerCase(java.util.Locale.ROOT);
    String y = b.toLowerCase(java.util.Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }
}
