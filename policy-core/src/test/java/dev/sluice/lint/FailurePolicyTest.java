package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FailurePolicyTest {

  private static LintReport report(int errors, int warnings, int infos, int suppressedErrors) {
    List<Finding> findings = new ArrayList<>();
    int line = 1;
    for (int i = 0; i < errors; i++) {
      findings.add(Finding.of("SSE001", Severity.ERROR, SourcePosition.of("a.xml", line++, 1), "e"));
    }
    for (int i = 0; i < warnings; i++) {
      findings.add(Finding.of("SSE001", Severity.WARNING, SourcePosition.of("a.xml", line++, 1), "w"));
    }
    for (int i = 0; i < infos; i++) {
      findings.add(Finding.of("SSE001", Severity.INFO, SourcePosition.of("a.xml", line++, 1), "i"));
    }
    for (int i = 0; i < suppressedErrors; i++) {
      findings.add(
          Finding.of("SSE001", Severity.ERROR, SourcePosition.of("a.xml", line++, 1), "s")
              .suppressedBy(new Suppression("ok", SourcePosition.of("a.xml", 1, 1))));
    }
    return new LintReport(TestReports.TOOL, List.of("a.xml"), List.of(), findings);
  }

  private static FailurePolicy failOn(Severity severity) {
    return new FailurePolicy(severity, OptionalInt.empty());
  }

  @Test
  void default_fails_on_errors_only() {
    assertThat(FailurePolicy.defaults().fails(report(1, 0, 0, 0))).isTrue();
    assertThat(FailurePolicy.defaults().fails(report(0, 5, 5, 0))).isFalse();
  }

  @Test
  void fail_on_warning_counts_errors_and_warnings() {
    assertThat(failOn(Severity.WARNING).failure(report(0, 2, 0, 0)))
        .contains("2 findings at or above --fail-on warning");
    assertThat(failOn(Severity.WARNING).fails(report(1, 0, 0, 0))).isTrue();
    assertThat(failOn(Severity.WARNING).fails(report(0, 0, 3, 0))).isFalse();
    assertThat(failOn(Severity.INFO).fails(report(0, 0, 1, 0))).isTrue();
  }

  @Test
  void suppressed_findings_never_fail() {
    assertThat(failOn(Severity.INFO).fails(report(0, 0, 0, 3))).isFalse();
  }

  @Test
  void max_warnings_fails_only_above_the_limit() {
    FailurePolicy policy = FailurePolicy.defaults().withMaxWarnings(2);

    assertThat(policy.fails(report(0, 2, 0, 0))).isFalse();
    assertThat(policy.failure(report(0, 3, 0, 0))).contains("3 warnings exceed --max-warnings 2");
    assertThat(FailurePolicy.defaults().withMaxWarnings(0).fails(report(0, 1, 0, 0))).isTrue();
  }

  @Test
  void parses_fail_on_values() {
    assertThat(FailurePolicy.parseFailOn("Warning")).contains(Severity.WARNING);
    assertThat(FailurePolicy.parseFailOn("error")).contains(Severity.ERROR);
    assertThat(FailurePolicy.parseFailOn("never")).isEmpty();
  }
}
