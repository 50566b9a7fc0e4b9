package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintConfigTest {

  private static LoadResult<LintConfig> parse(String json) {
    return LintConfig.parse(LintConfig.FILE_NAME, json, RuleRegistry.standard());
  }

  @Test
  void reads_levels_per_rule() {
    LoadResult<LintConfig> result =
        parse("{\n  \"$schema\": \"x\",\n  \"rules\": {\"SLU001\": \"error\", \"SLU002\": \"OFF\"}\n}");

    assertThat(result.diagnostics()).isEmpty();
    LintConfig config = result.value().orElseThrow();
    assertThat(config.level("SLU001")).contains(RuleLevel.ERROR);
    assertThat(config.level("SLU002")).contains(RuleLevel.OFF);
    assertThat(config.level("SSE001")).isEmpty();
  }

  @Test
  void syntax_error_fails_with_position() {
    LoadResult<LintConfig> result = parse("{\n  \"rules\": {\"SLU001\": \"error\",}\n}");

    assertThat(result.value()).isEmpty();
    assertThat(result.diagnostics()).singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(DiagnosticCode.INVALID_LINT_CONFIG.name());
              assertThat(d.position()).isEqualTo(SourcePosition.of(LintConfig.FILE_NAME, 2, 31));
            });
  }

  @Test
  void invalid_level_is_an_error_at_the_value() {
    LoadResult<LintConfig> result = parse("{\"rules\": {\"SLU001\": \"loud\"}}");

    assertThat(result.hasErrors()).isTrue();
    assertThat(result.errors()).extracting(Diagnostic::position)
        .containsExactly(SourcePosition.of(LintConfig.FILE_NAME, 1, 22));
    assertThat(result.value().orElseThrow().level("SLU001")).isEmpty();
  }

  @Test
  void unknown_rule_is_a_warning_at_the_key() {
    LoadResult<LintConfig> result = parse("{\"rules\": {\"SSE999\": \"off\"}}");

    assertThat(result.hasErrors()).isFalse();
    assertThat(result.diagnostics()).singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(DiagnosticCode.UNKNOWN_RULE.name());
              assertThat(d.severity()).isEqualTo(Severity.WARNING);
              assertThat(d.position()).isEqualTo(SourcePosition.of(LintConfig.FILE_NAME, 1, 12));
            });
  }

  @Test
  void unknown_key_and_non_object_root_are_errors() {
    assertThat(parse("{\"rule\": {}}").errors()).singleElement()
        .satisfies(d -> assertThat(d.message()).contains("unknown key \"rule\""));
    assertThat(parse("[1, 2]").value()).isEmpty();
    assertThat(parse("{\"rules\": []}").hasErrors()).isTrue();
  }

  @Test
  void disable_turns_rules_off_on_top_of_the_file() {
    LintConfig config =
        parse("{\"rules\": {\"SLU001\": \"error\"}}").value().orElseThrow()
            .disable(List.of("SLU001", "SLU002"));

    assertThat(config.level("SLU001")).contains(RuleLevel.OFF);
    assertThat(config.level("SLU002")).contains(RuleLevel.OFF);
  }

  @Test
  void reads_a_file_and_reports_one_that_cannot_be_read(@TempDir Path dir) throws IOException {
    Path file = dir.resolve(LintConfig.FILE_NAME);
    Files.writeString(file, "{\"rules\": {\"SLU001\": \"info\"}}");

    assertThat(LintConfig.read(file, RuleRegistry.standard()).value().orElseThrow().level("SLU001"))
        .contains(RuleLevel.INFO);
    LoadResult<LintConfig> missing = LintConfig.read(dir.resolve("absent.json"), RuleRegistry.standard());
    assertThat(missing.value()).isEmpty();
    assertThat(missing.errors()).extracting(Diagnostic::code)
        .containsExactly(DiagnosticCode.IO_ERROR.name());
  }
}
