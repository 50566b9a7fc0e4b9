package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Severity;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The outcome of one lint run: the tool, the files scanned (sorted, distinct), the metadata of the
 * rules that ran (sorted by id) and every finding (sorted by position, then rule id), suppressed
 * ones included. Immutable; formatters are pure functions of it.
 */
public record LintReport(
    ToolInfo tool, List<String> files, List<RuleInfo> rules, List<Finding> findings) {

  public LintReport {
    requireNonNull(tool, "tool");
    rules = rules.stream().sorted().distinct().toList();
    findings = findings.stream().sorted().toList();
    // Every finding's file counts as scanned, so formatters that group by file see it.
    TreeSet<String> all = new TreeSet<>(files);
    for (Finding finding : findings) {
      all.add(finding.position().file());
    }
    files = List.copyOf(all);
  }

  /** Unsuppressed findings of this severity. */
  public int count(Severity severity) {
    return (int)
        findings.stream().filter(f -> !f.isSuppressed() && f.severity() == severity).count();
  }

  public int suppressedCount() {
    return (int) findings.stream().filter(Finding::isSuppressed).count();
  }

  /** Findings that are not suppressed, in report order. */
  public List<Finding> activeFindings() {
    return findings.stream().filter(f -> !f.isSuppressed()).toList();
  }

  /** Findings in one file, suppressed ones included, in report order. */
  public List<Finding> findingsIn(String file) {
    return findings.stream().filter(f -> f.position().file().equals(file)).toList();
  }

  public Optional<RuleInfo> rule(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }
}
