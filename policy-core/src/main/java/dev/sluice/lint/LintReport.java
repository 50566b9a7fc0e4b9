package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

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

  /**
   * The same report with file names under {@code base} made relative to it, with forward slashes
   * ({@code apis/echo/policy.xml}), so reports do not depend on where the checkout is; other names
   * are kept. Applies to every position: findings, related locations, suppressions and fixes.
   */
  public LintReport relativeTo(Path base) {
    Path root = base.toAbsolutePath().normalize();
    UnaryOperator<String> rename =
        file -> {
          Path path;
          try {
            path = Path.of(file);
          } catch (InvalidPathException e) {
            return file; // not a file system path (such as the assumed default global policy)
          }
          Path absolute = path.toAbsolutePath().normalize();
          if (!absolute.startsWith(root)) {
            return file;
          }
          return root.relativize(absolute).toString().replace('\\', '/');
        };
    UnaryOperator<SourcePosition> move =
        p -> new SourcePosition(rename.apply(p.file()), p.line(), p.column());
    List<Finding> moved = new ArrayList<>();
    for (Finding f : findings) {
      List<RelatedLocation> related =
          f.related().stream()
              .map(r -> new RelatedLocation(move.apply(r.position()), r.message()))
              .toList();
      Optional<Fix> fix =
          f.fix()
              .map(
                  old ->
                      new Fix(
                          old.description(),
                          old.edits().stream()
                              .map(
                                  e ->
                                      new TextEdit(
                                          move.apply(e.start()),
                                          move.apply(e.end()),
                                          e.replacement()))
                              .toList()));
      moved.add(
          new Finding(
              f.ruleId(),
              f.severity(),
              f.message(),
              move.apply(f.position()),
              f.inheritance(),
              related,
              f.suppression().map(s -> new Suppression(s.reason(), move.apply(s.position()))),
              fix));
    }
    return new LintReport(tool, files.stream().map(rename).toList(), rules, moved);
  }

  public Optional<RuleInfo> rule(String ruleId) {
    return rules.stream().filter(r -> r.id().equals(ruleId)).findFirst();
  }
}
