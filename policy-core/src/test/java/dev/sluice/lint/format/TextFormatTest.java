package dev.sluice.lint.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.lint.LintReport;
import dev.sluice.lint.TestReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatTest {

  @Test
  void one_line_per_active_finding_in_compiler_form() {
    String text = ReportFormat.TEXT.format(TestReports.sample());

    assertThat(text.lines().filter(l -> !l.startsWith(" ") && l.contains(": ")))
        .hasSize(TestReports.sample().activeFindings().size() + 1);
    assertThat(text).contains(
        "apis/echo/policy.xml:20:6: error: <cache-lookup> & <cache-store> hold the \"whole\""
            + " response in memory [SSE004]\n");
    assertThat(text).doesNotContain("<cache-store> holds the whole response in memory");
  }

  @Test
  void summary_counts_files_severities_and_suppressions() {
    assertThat(ReportFormat.TEXT.format(TestReports.sample()))
        .endsWith("Scanned 5 files: 2 errors, 2 warnings, 1 info (2 suppressed)\n");
    LintReport clean =
        new LintReport(TestReports.TOOL, List.of("a.xml"), List.of(), List.of());
    assertThat(ReportFormat.TEXT.format(clean))
        .isEqualTo("Scanned 1 file: 0 errors, 0 warnings, 0 info\n");
  }
}
