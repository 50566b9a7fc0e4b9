package dev.sluice.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expectations written into a lint fixture: {@code <!-- EXPECT: ID[, ID...] -->} on the line
 * before the offending element. The expected finding's line is the next line that is neither blank
 * nor another EXPECT comment (so EXPECTs stack, and a rule that reports a comment, such as a
 * suppression, expects that comment's line). Read from the raw text, with line numbers, so the
 * harness does not depend on how documents are parsed.
 */
record FixtureExpectations(Map<Integer, List<String>> byLine) {

  private static final Pattern EXPECT = Pattern.compile("<!--\\s*EXPECT:\\s*([^>]*?)\\s*-->");
  private static final Pattern ONLY_EXPECT =
      Pattern.compile("\\s*(<!--\\s*EXPECT:[^>]*?-->\\s*)+");

  FixtureExpectations {
    byLine = Map.copyOf(byLine);
  }

  static FixtureExpectations parse(String text) {
    String[] lines = text.split("\n", -1);
    Map<Integer, List<String>> byLine = new TreeMap<>();
    for (int i = 0; i < lines.length; i++) {
      Matcher matcher = EXPECT.matcher(lines[i]);
      while (matcher.find()) {
        int target = i + 1;
        while (target < lines.length
            && (lines[target].isBlank() || ONLY_EXPECT.matcher(lines[target]).matches())) {
          target++;
        }
        if (target >= lines.length) {
          throw new IllegalArgumentException("EXPECT on line " + (i + 1) + " has no line after it");
        }
        for (String id : matcher.group(1).split("[\\s,]+")) {
          if (!id.isEmpty()) {
            byLine.computeIfAbsent(target + 1, k -> new ArrayList<>()).add(id);
          }
        }
      }
    }
    byLine.replaceAll((line, ids) -> ids.stream().sorted().toList());
    return new FixtureExpectations(byLine);
  }

  /** Every expected {@code line: ID}, sorted. */
  List<String> expected() {
    List<String> result = new ArrayList<>();
    new TreeMap<>(byLine).forEach((line, ids) -> ids.forEach(id -> result.add(line + ": " + id)));
    return result;
  }

  /** The same {@code line: ID} form for actual findings, in the same order, suppressed ones left out. */
  static List<String> actual(List<Finding> findings) {
    return findings.stream()
        .filter(f -> !f.isSuppressed())
        .sorted(
            Comparator.comparingInt((Finding f) -> f.position().line())
                .thenComparing(Finding::ruleId))
        .map(f -> f.position().line() + ": " + f.ruleId())
        .toList();
  }
}
