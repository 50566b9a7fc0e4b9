package dev.sluice.lint.format;

import dev.sluice.core.Severity;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.RelatedLocation;

/**
 * One line per unsuppressed finding, {@code file:line:col: severity: message [ID]} (the form
 * editors and CI log parsers match), details indented below it, then one summary line.
 */
final class TextFormatter {

  private TextFormatter() {}

  static String format(LintReport report) {
    StringBuilder out = new StringBuilder();
    for (Finding finding : report.activeFindings()) {
      out.append(finding.format()).append('\n');
      finding.inheritance().ifPresent(chain -> out.append("  inherited: ").append(chain).append('\n'));
      for (RelatedLocation related : finding.related()) {
        out.append("  ").append(related.position()).append(": note: ").append(related.message())
            .append('\n');
      }
      finding.fix().ifPresent(fix -> out.append("  fix: ").append(fix.description()).append('\n'));
    }
    out.append(summary(report)).append('\n');
    return out.toString();
  }

  static String summary(LintReport report) {
    StringBuilder line = new StringBuilder();
    line.append("Scanned ").append(Plural.of(report.files().size(), "file", "files")).append(": ");
    line.append(Plural.of(report.count(Severity.ERROR), "error", "errors")).append(", ");
    line.append(Plural.of(report.count(Severity.WARNING), "warning", "warnings")).append(", ");
    line.append(report.count(Severity.INFO)).append(" info");
    if (report.suppressedCount() > 0) {
      line.append(" (").append(report.suppressedCount()).append(" suppressed)");
    }
    return line.toString();
  }
}
