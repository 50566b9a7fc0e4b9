package dev.sluice.lint.format;

import dev.sluice.core.Severity;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.RelatedLocation;
import java.util.List;

/**
 * JUnit XML as Jenkins, GitLab and Azure Pipelines render it: one {@code <testsuite>} per file, one
 * {@code <testcase>} per finding (classname {@code sluice.<ID>}, so CI groups tests by rule; name
 * {@code file:line:col}, unique and clickable in logs). Errors and warnings are {@code <failure
 * type="error|warning">}; suppressed findings are {@code <skipped>} with the reason; info findings
 * pass with the message in {@code <system-out>}. A file without findings is one passing testcase,
 * so clean files show up as passed rather than vanishing.
 */
final class JUnitFormatter {

  private JUnitFormatter() {}

  static String format(LintReport report) {
    StringBuilder suites = new StringBuilder();
    int totalTests = 0;
    int totalFailures = 0;
    int totalSkipped = 0;
    for (String file : report.files()) {
      List<Finding> findings = report.findingsIn(file);
      int tests = Math.max(1, findings.size());
      int failures = 0;
      int skipped = 0;
      StringBuilder cases = new StringBuilder();
      if (findings.isEmpty()) {
        cases.append("    <testcase classname=\"sluice\" name=\"").append(Xml.attribute(file))
            .append("\"/>\n");
      }
      for (Finding finding : findings) {
        cases.append("    <testcase classname=\"sluice.").append(Xml.attribute(finding.ruleId()))
            .append("\" name=\"").append(Xml.attribute(finding.position().toString()))
            .append("\">\n");
        if (finding.isSuppressed()) {
          skipped++;
          String reason = finding.suppression().orElseThrow().reason();
          cases.append("      <skipped message=\"")
              .append(Xml.attribute(reason.isEmpty() ? "suppressed" : "suppressed: " + reason))
              .append("\"/>\n");
        } else if (finding.severity() == Severity.INFO) {
          cases.append("      <system-out>").append(Xml.text(details(finding)))
              .append("</system-out>\n");
        } else {
          failures++;
          cases.append("      <failure message=\"").append(Xml.attribute(finding.message()))
              .append("\" type=\"").append(finding.severity().label()).append("\">")
              .append(Xml.text(details(finding))).append("</failure>\n");
        }
        cases.append("    </testcase>\n");
      }
      suites.append("  <testsuite name=\"").append(Xml.attribute(file))
          .append("\" tests=\"").append(tests)
          .append("\" failures=\"").append(failures)
          .append("\" errors=\"0\" skipped=\"").append(skipped).append("\">\n")
          .append(cases)
          .append("  </testsuite>\n");
      totalTests += tests;
      totalFailures += failures;
      totalSkipped += skipped;
    }
    return Xml.DECLARATION
        + "<testsuites name=\"" + Xml.attribute(report.tool().name() + " lint")
        + "\" tests=\"" + totalTests + "\" failures=\"" + totalFailures
        + "\" errors=\"0\" skipped=\"" + totalSkipped + "\">\n"
        + suites
        + "</testsuites>\n";
  }

  private static String details(Finding finding) {
    StringBuilder text = new StringBuilder(finding.format());
    finding.inheritance().ifPresent(chain -> text.append("\ninherited: ").append(chain));
    for (RelatedLocation related : finding.related()) {
      text.append('\n').append(related.position()).append(": note: ").append(related.message());
    }
    finding.fix().ifPresent(fix -> text.append("\nfix: ").append(fix.description()));
    return text.toString();
  }
}
