package dev.sluice.lint.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.TestReports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Validates SARIF output against the OASIS SARIF 2.1.0 schema (committed under
 * {@code src/test/resources/sarif/}; it declares JSON Schema draft-07, so the validator runs that
 * dialect, with format assertions on so {@code uri} and {@code uri-reference} are checked too).
 */
class SarifSchemaTest {

  private static final Schema SARIF = loadSchema();

  private static Schema loadSchema() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7, builder -> builder.schemaRegistryConfig(config));
    try (InputStream in =
        SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      if (in == null) {
        throw new IllegalStateException("SARIF schema missing from test resources");
      }
      return registry.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> errors(String sarif) {
    return SARIF.validate(sarif, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  @Test
  void schema_is_the_draft_07_sarif_2_1_0_schema() {
    assertThat(SARIF.getSchemaNode().get("$schema").asString())
        .isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(SARIF.getSchemaNode().get("title").asString()).contains("SARIF", "2.1.0");
  }

  @Test
  void sample_report_is_valid_sarif() {
    assertThat(errors(ReportFormat.SARIF.format(TestReports.sample()))).isEmpty();
  }

  @Test
  void empty_report_is_valid_sarif() {
    LintReport empty = new LintReport(TestReports.TOOL, List.of(), List.of(), List.of());
    assertThat(errors(ReportFormat.SARIF.format(empty))).isEmpty();
  }

  @Test
  void rejects_a_result_without_message() {
    String broken =
        ReportFormat.SARIF.format(TestReports.sample())
            .replaceFirst("\"message\": \\{\\s*\"text\": \"[^\"]*\"\\s*}", "\"rank\": 1");
    assertThat(broken).isNotEqualTo(ReportFormat.SARIF.format(TestReports.sample()));
    assertThat(errors(broken)).isNotEmpty();
  }

  @Test
  void rejects_an_unknown_level_and_a_suppression_kind() {
    String sarif = ReportFormat.SARIF.format(TestReports.sample());
    assertThat(errors(sarif.replaceFirst("\"level\": \"warning\"", "\"level\": \"fatal\"")))
        .isNotEmpty();
    assertThat(errors(sarif.replace("\"kind\": \"inSource\"", "\"kind\": \"inComment\"")))
        .isNotEmpty();
  }

  @Test
  void rejects_a_help_uri_that_is_not_absolute() {
    String sarif = ReportFormat.SARIF.format(TestReports.sample());
    String relative = sarif.replace(TestReports.TOOL.docsBaseUri(), "");
    assertThat(relative).isNotEqualTo(sarif);
    assertThat(errors(relative)).isNotEmpty();
  }
}
