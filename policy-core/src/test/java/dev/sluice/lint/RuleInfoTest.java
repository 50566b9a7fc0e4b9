package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import org.junit.jupiter.api.Test;

class RuleInfoTest {

  @Test
  void rejects_ids_outside_the_scheme() {
    assertThatThrownBy(() -> RuleInfo.of("SSE01", "x", Severity.ERROR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RuleInfo.of("sse001", "x", Severity.ERROR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Finding.of("sse-001", Severity.ERROR, SourcePosition.UNKNOWN, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Finding.of("NOT_WELL_FORMED", Severity.ERROR, SourcePosition.UNKNOWN, "x").ruleId())
        .as("diagnostic codes are accepted").isEqualTo("NOT_WELL_FORMED");
  }

  @Test
  void rejects_summary_with_trailing_period() {
    assertThatThrownBy(() -> RuleInfo.of("SSE001", "Buffers the response.", Severity.ERROR))
        .hasMessageContaining("period");
  }

  @Test
  void help_path_and_uri_follow_the_docs_layout() {
    RuleInfo rule = RuleInfo.of("SSE004", "Caching buffers", Severity.ERROR, "b", "a");

    assertThat(rule.helpPath()).isEqualTo("docs/rules/SSE004.md");
    assertThat(TestReports.TOOL.helpUri(rule)).isEqualTo(ToolInfo.DOCS_BASE_URI + "docs/rules/SSE004.md");
    assertThat(rule.sortedTags()).containsExactly("a", "b");
  }

  @Test
  void current_tool_carries_the_build_version() {
    assertThat(ToolInfo.current().version()).isNotBlank().doesNotContain("${").isNotEqualTo("unknown");
  }
}
