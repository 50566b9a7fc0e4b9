package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.lint.format.ReportFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the JSON report back to check its schema holds what the report holds. */
class JsonFormatTest {

  private static JsonTree.Obj parse(String json) throws JsonTree.SyntaxError {
    return (JsonTree.Obj) JsonTree.parse("report.json", json);
  }

  private static JsonTree.Value get(JsonTree.Value object, String key) {
    return ((JsonTree.Obj) object).members().stream()
        .filter(m -> m.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("missing key " + key))
        .value();
  }

  private static String text(JsonTree.Value value) {
    return value instanceof JsonTree.Str s ? s.text() : ((JsonTree.Literal) value).text();
  }

  @Test
  void round_trips_messages_counts_and_suppressions() throws Exception {
    LintReport report = TestReports.sample();
    JsonTree.Obj root = parse(ReportFormat.JSON.format(report));

    assertThat(text(get(root, "schemaVersion"))).isEqualTo("1");
    assertThat(text(get(get(root, "summary"), "errors"))).isEqualTo("2");
    assertThat(text(get(get(root, "summary"), "warnings"))).isEqualTo("2");
    assertThat(text(get(get(root, "summary"), "suppressed"))).isEqualTo("2");
    List<JsonTree.Value> findings = ((JsonTree.Arr) get(root, "findings")).items();
    assertThat(findings).hasSameSizeAs(report.findings());
    for (int i = 0; i < findings.size(); i++) {
      Finding expected = report.findings().get(i);
      JsonTree.Value actual = findings.get(i);
      assertThat(text(get(actual, "message"))).isEqualTo(expected.message());
      assertThat(text(get(actual, "ruleId"))).isEqualTo(expected.ruleId());
      assertThat(text(get(actual, "suppressed"))).isEqualTo(String.valueOf(expected.isSuppressed()));
      assertThat(text(get(get(actual, "location"), "line")))
          .isEqualTo(String.valueOf(expected.position().line()));
    }
  }

  @Test
  void every_finding_has_every_key() throws Exception {
    JsonTree.Obj root = parse(ReportFormat.JSON.format(TestReports.sample()));

    for (JsonTree.Value finding : ((JsonTree.Arr) get(root, "findings")).items()) {
      assertThat(((JsonTree.Obj) finding).members())
          .extracting(JsonTree.Member::key)
          .containsExactly("ruleId", "severity", "message", "location", "inheritance", "related",
              "suppressed", "suppression", "fix");
    }
  }
}
