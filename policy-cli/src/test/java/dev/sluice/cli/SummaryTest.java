package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

  private static Diagnostic diagnostic(Severity severity) {
    return Diagnostic.of(DiagnosticCode.INVALID_VALUE, severity, SourcePosition.of("p.xml", 1, 1), "m");
  }

  @Test
  void counts_errors_and_warnings_with_plurals() {
    assertThat(
            CheckCommand.summary(
                3, List.of(diagnostic(Severity.ERROR), diagnostic(Severity.WARNING), diagnostic(Severity.WARNING))))
        .isEqualTo("3 files checked: 1 error, 2 warnings");
  }

  @Test
  void clean_run_says_zero_of_each() {
    assertThat(CheckCommand.summary(1, List.of())).isEqualTo("1 file checked: 0 errors, 0 warnings");
  }

  @Test
  void infos_are_counted_only_when_present() {
    assertThat(CheckCommand.summary(2, List.of(diagnostic(Severity.INFO))))
        .isEqualTo("2 files checked: 0 errors, 0 warnings, 1 info");
  }
}
