package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class FixtureExpectationsTest {

  private static final String FIXTURE =
      """
      <policies>
        <inbound>
          <!-- EXPECT: TST001 -->
          <set-header name="a" exists-action="override"/>

          <!-- EXPECT: TST001, SLU001 -->
          <!-- EXPECT: SLU002 -->

          <set-header name="b" exists-action="override"/>
          <set-header name="c" exists-action="override"/>
        </inbound>
        <backend>
          <forward-request buffer-response="false"/>
        </backend>
        <outbound/>
        <on-error/>
      </policies>
      """;

  @Test
  void expectation_targets_next_line_that_is_not_blank_or_another_expectation() {
    assertThat(FixtureExpectations.parse(FIXTURE).expected())
        .containsExactly("4: TST001", "9: SLU001", "9: SLU002", "9: TST001");
  }

  @Test
  void actual_findings_use_the_same_form_without_suppressed_ones() {
    List<Finding> findings =
        List.of(
            Finding.of("TST001", Severity.WARNING, SourcePosition.of("f.xml", 10, 5), "x"),
            Finding.of("TST001", Severity.WARNING, SourcePosition.of("f.xml", 4, 5), "x"),
            Finding.of("SLU001", Severity.WARNING, SourcePosition.of("f.xml", 9, 5), "x")
                .suppressedBy(new Suppression("", SourcePosition.of("f.xml", 8, 5))));

    assertThat(FixtureExpectations.actual(findings)).containsExactly("4: TST001", "10: TST001");
  }

  @Test
  void harness_fails_on_a_finding_on_an_unmarked_line() {
    // SetHeaderRule reports all three set-headers; the fixture marks only a and b.
    String text = FIXTURE.replace(", SLU001 -->", " -->").replace("<!-- EXPECT: SLU002 -->", "");
    var findings = RuleFixtures.findings(new LinterTest.SetHeaderRule(), "f.xml", text);

    assertThat(FixtureExpectations.actual(findings))
        .containsExactly("4: TST001", "9: TST001", "10: TST001");
    assertThat(FixtureExpectations.parse(text).expected()).containsExactly("4: TST001", "9: TST001");
    assertThatThrownBy(
            () ->
                assertThat(FixtureExpectations.actual(findings))
                    .containsExactlyElementsOf(FixtureExpectations.parse(text).expected()))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void marker_without_a_following_line_is_a_fixture_error() {
    assertThatThrownBy(() -> FixtureExpectations.parse("<policies/>\n<!-- EXPECT: TST001 -->\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
