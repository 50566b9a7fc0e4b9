package dev.sluice.lint.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.lint.Golden;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.TestReports;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReportFormatGoldenTest {

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void matches_golden_file(ReportFormat format) throws IOException {
    Golden.assertMatches(
        "lint/report." + format.label() + "." + format.extension(),
        format.format(TestReports.sample()));
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void output_does_not_depend_on_the_order_findings_were_collected(ReportFormat format) {
    LintReport sample = TestReports.sample();
    List<dev.sluice.lint.Finding> reversed = new ArrayList<>(sample.findings());
    Collections.reverse(reversed);
    List<String> files = new ArrayList<>(sample.files());
    Collections.reverse(files);
    LintReport shuffled = new LintReport(sample.tool(), files, sample.rules(), reversed);

    assertThat(format.format(shuffled)).isEqualTo(format.format(sample));
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void parses_its_own_name(ReportFormat format) {
    assertThat(ReportFormat.fromName(format.label().toUpperCase(java.util.Locale.ROOT)))
        .contains(format);
  }
}
