package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LintReportTest {

  @Test
  void relative_to_rewrites_every_position_under_the_base() {
    Path base = Path.of("checkout").toAbsolutePath();
    String api = base.resolve("apis").resolve("echo").resolve("policy.xml").toString();
    String global = base.resolve("global.xml").toString();
    Finding finding =
        Finding.of(
                "SSE001",
                Severity.ERROR,
                SourcePosition.of(api, 3, 5),
                "m",
                FindingDetails.none()
                    .withRelated(RelatedLocation.of(SourcePosition.of(global, 4, 5), "r"))
                    .withRelated(RelatedLocation.of(SourcePosition.of("apim:default-global-policy", 4, 5), "d"))
                    .withFix(Fix.of("f", TextEdit.insert(SourcePosition.of(global, 4, 21), " x"))))
            .suppressedBy(new Suppression("why", SourcePosition.of(api, 2, 5)));
    LintReport report =
        new LintReport(TestReports.TOOL, List.of(api, global, "elsewhere.xml"), List.of(), List.of(finding));

    LintReport relative = report.relativeTo(base);

    assertThat(relative.files()).containsExactly("apis/echo/policy.xml", "elsewhere.xml", "global.xml");
    Finding moved = relative.findings().get(0);
    assertThat(moved.position()).isEqualTo(SourcePosition.of("apis/echo/policy.xml", 3, 5));
    assertThat(moved.related()).extracting(r -> r.position().file())
        .containsExactly("global.xml", "apim:default-global-policy");
    assertThat(moved.suppression().orElseThrow().position().file()).isEqualTo("apis/echo/policy.xml");
    assertThat(moved.fix().orElseThrow().edits().get(0).start().file()).isEqualTo("global.xml");
  }

  @Test
  void counts_exclude_suppressed_findings() {
    LintReport sample = TestReports.sample();

    assertThat(sample.count(Severity.ERROR)).isEqualTo(2);
    assertThat(sample.count(Severity.WARNING)).isEqualTo(2);
    assertThat(sample.count(Severity.INFO)).isEqualTo(1);
    assertThat(sample.suppressedCount()).isEqualTo(2);
    assertThat(sample.activeFindings()).hasSize(5);
  }
}
