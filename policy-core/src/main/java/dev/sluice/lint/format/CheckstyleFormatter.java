package dev.sluice.lint.format;

import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;

/**
 * Checkstyle XML ({@code version="4.3"}), read by Jenkins Warnings NG, reviewdog, SonarQube and
 * others: every scanned file, one {@code <error>} per unsuppressed finding with {@code source}
 * {@code sluice.<ID>} (tools take the last segment as the issue type). The format has no notion of
 * suppression, so suppressed findings are left out rather than counted as issues.
 */
final class CheckstyleFormatter {

  private CheckstyleFormatter() {}

  static String format(LintReport report) {
    StringBuilder out = new StringBuilder(Xml.DECLARATION);
    out.append("<checkstyle version=\"4.3\">\n");
    for (String file : report.files()) {
      var findings = report.findingsIn(file).stream().filter(f -> !f.isSuppressed()).toList();
      if (findings.isEmpty()) {
        out.append("  <file name=\"").append(Xml.attribute(file)).append("\"/>\n");
        continue;
      }
      out.append("  <file name=\"").append(Xml.attribute(file)).append("\">\n");
      for (Finding finding : findings) {
        out.append("    <error line=\"").append(finding.position().line())
            .append("\" column=\"").append(finding.position().column())
            .append("\" severity=\"").append(finding.severity().label())
            .append("\" message=\"").append(Xml.attribute(finding.message()))
            .append("\" source=\"sluice.").append(Xml.attribute(finding.ruleId()))
            .append("\"/>\n");
      }
      out.append("  </file>\n");
    }
    return out.append("</checkstyle>\n").toString();
  }
}
