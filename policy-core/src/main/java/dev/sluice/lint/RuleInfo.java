package dev.sluice.lint;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.sluice.core.Severity;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A rule's metadata, declared once in the rule: its id ({@code SSE001}: three capital letters and
 * three digits, see {@code docs/rules/README.md}), a one-line summary without trailing period, the
 * default severity, and tags. Its documentation lives at {@link #helpPath()}.
 */
public record RuleInfo(String id, String summary, Severity defaultSeverity, Set<String> tags)
    implements Comparable<RuleInfo> {

  private static final Pattern ID = Pattern.compile("[A-Z]{3}[0-9]{3}");

  public RuleInfo {
    requireNonNull(id, "id");
    checkArgument(isValidId(id), "rule ids are three capital letters and three digits: %s", id);
    requireNonNull(summary, "summary");
    checkArgument(!summary.isBlank(), "%s: empty summary", id);
    checkArgument(!summary.endsWith("."), "%s: summary ends with a period: %s", id, summary);
    requireNonNull(defaultSeverity, "defaultSeverity");
    tags = Set.copyOf(new TreeSet<>(tags));
  }

  public static RuleInfo of(String id, String summary, Severity defaultSeverity, String... tags) {
    return new RuleInfo(id, summary, defaultSeverity, Set.of(tags));
  }

  /** Whether {@code text} has the form of a rule id. */
  public static boolean isValidId(String text) {
    return ID.matcher(text).matches();
  }

  /** The rule's documentation page, relative to the project root: {@code docs/rules/<ID>.md}. */
  public String helpPath() {
    return "docs/rules/" + id + ".md";
  }

  /** The tags, sorted. */
  public java.util.List<String> sortedTags() {
    return tags.stream().sorted().toList();
  }

  @Override
  public int compareTo(RuleInfo other) {
    return id.compareTo(other.id);
  }
}
