package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinterTest {

  /** Reports every set-header, with a related location at its parent: a stand-in for real rules. */
  static final class SetHeaderRule extends Rule {
    SetHeaderRule() {
      super(RuleInfo.of("TST001", "Every set-header is reported", Severity.WARNING, "test"));
    }

    @Override
    public void checkDocument(PolicyDocument document, RuleContext context) {
      for (PolicyNode node : nodes(document)) {
        if (node.name().equals("set-header")) {
          context.report(
              node,
              "set-header " + node.attributeText("name").orElse("?"),
              FindingDetails.none()
                  .withRelated(RelatedLocation.of(document.root().position(), "the document")));
        }
      }
    }
  }

  private static final String POLICY =
      """
      <policies>
        <inbound>
          <set-header name="a" exists-action="override"/>
          <!-- sluice-disable TST001: the header is set for a test -->
          <set-header name="b" exists-action="override"/>
          <!-- sluice-disable TST001 -->
          <set-header name="c" exists-action="override"/>
          <!-- sluice-disable TST999: misspelt -->
          <set-header name="d" exists-action="override"/>
          <!-- sluice-disable TST001: applies to choose only -->
          <choose>
            <when condition="true">
              <set-header name="e" exists-action="override"/>
            </when>
          </choose>
        </inbound>
      </policies>
      """;

  private static LintReport lint(LintConfig config) {
    List<Rule> rules = new java.util.ArrayList<>(dev.sluice.lint.rules.StandardRules.all());
    rules.add(new SetHeaderRule());
    Linter linter =
        Linter.builder()
            .registry(RuleRegistry.of(rules))
            .config(config)
            .tool(TestReports.TOOL)
            .build();
    return linter.lint(List.of(FixtureDocuments.read("policy.xml", POLICY)));
  }

  private static List<Finding> of(LintReport report, String ruleId) {
    return report.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  @Test
  void adds_rule_id_default_severity_and_node_position() {
    Finding first = of(lint(LintConfig.defaults()), "TST001").get(0);

    assertThat(first.ruleId()).isEqualTo("TST001");
    assertThat(first.severity()).isEqualTo(Severity.WARNING);
    assertThat(first.position()).isEqualTo(SourcePosition.of("policy.xml", 3, 5));
    assertThat(first.message()).isEqualTo("set-header a");
    assertThat(first.related())
        .containsExactly(RelatedLocation.of(SourcePosition.of("policy.xml", 1, 1), "the document"));
    assertThat(first.isSuppressed()).isFalse();
  }

  @Test
  void suppression_comment_marks_the_finding_but_keeps_it() {
    List<Finding> findings = of(lint(LintConfig.defaults()), "TST001");

    assertThat(findings).extracting(Finding::message)
        .containsExactly("set-header a", "set-header b", "set-header c", "set-header d",
            "set-header e");
    Finding b = findings.get(1);
    assertThat(b.suppression())
        .contains(new Suppression("the header is set for a test", SourcePosition.of("policy.xml", 4, 5)));
    assertThat(findings.get(2).suppression())
        .contains(new Suppression("", SourcePosition.of("policy.xml", 6, 5)));
  }

  @Test
  void suppression_names_rules_and_covers_only_the_next_element() {
    List<Finding> findings = of(lint(LintConfig.defaults()), "TST001");

    assertThat(findings.get(3).isSuppressed()).as("TST999 does not name TST001").isFalse();
    assertThat(findings.get(4).isSuppressed()).as("a child of the suppressed choose").isFalse();
  }

  @Test
  void suppressed_findings_do_not_count() {
    LintReport report = lint(LintConfig.defaults());

    assertThat(report.suppressedCount()).isEqualTo(2);
    // a, d, e from TST001; SLU001 for the reasonless comment; SLU002 for TST999.
    assertThat(report.count(Severity.WARNING)).isEqualTo(5);
  }

  @Test
  void suppression_without_reason_and_of_unknown_rule_are_reported_at_the_comment() {
    LintReport report = lint(LintConfig.defaults());

    assertThat(of(report, "SLU001")).singleElement()
        .satisfies(f -> assertThat(f.position()).isEqualTo(SourcePosition.of("policy.xml", 6, 5)));
    assertThat(of(report, "SLU002")).singleElement()
        .satisfies(
            f -> {
              assertThat(f.position()).isEqualTo(SourcePosition.of("policy.xml", 8, 5));
              assertThat(f.message()).contains("TST999");
            });
  }

  @Test
  void config_overrides_severity_and_turns_rules_off() {
    LintReport report =
        lint(LintConfig.defaults().with("TST001", RuleLevel.ERROR).disable(List.of("SLU002")));

    assertThat(of(report, "TST001")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
    assertThat(of(report, "SLU002")).isEmpty();
    assertThat(report.rules()).extracting(RuleInfo::id)
        .contains("SLU001", "TST001").doesNotContain("SLU002");
  }

  @Test
  void report_lists_scanned_files_and_rules_sorted() {
    Linter linter = Linter.builder().tool(TestReports.TOOL).build();
    LintReport report =
        linter.lint(
            List.of(
                FixtureDocuments.read("b.xml", "<policies/>"),
                FixtureDocuments.read("a.xml", "<policies/>")));

    assertThat(report.files()).containsExactly("a.xml", "b.xml");
    assertThat(report.rules()).extracting(RuleInfo::id).isSorted();
    assertThat(report.findings()).isEmpty();
  }

  @Test
  void load_diagnostics_become_findings_under_their_code() {
    Diagnostic broken =
        Diagnostic.of(DiagnosticCode.NOT_WELL_FORMED, SourcePosition.of("broken.xml", 4, 9),
            "element <inbound> is not closed");
    Linter linter = Linter.builder().tool(TestReports.TOOL).build();

    LintReport report =
        linter.lint(List.of(FixtureDocuments.read("a.xml", "<policies/>")), List.of(broken));

    assertThat(report.files()).containsExactly("a.xml", "broken.xml");
    assertThat(report.findings()).singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("NOT_WELL_FORMED");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.position()).isEqualTo(broken.position());
            });
    assertThat(FailurePolicy.defaults().fails(report)).isTrue();
  }
}
