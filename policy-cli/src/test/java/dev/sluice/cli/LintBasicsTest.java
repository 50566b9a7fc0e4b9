package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first checks of {@code sluice lint}: pass, fail, thresholds, formats, configuration. */
class LintBasicsTest {

  private static String stream(String backend) {
    return """
        <!-- sluice:sse -->
        <policies>
          <inbound>
            <base />
          </inbound>
          <backend>
            %s
          </backend>
          <outbound>
            <base />
          </outbound>
          <on-error>
            <base />
          </on-error>
        </policies>
        """
        .formatted(backend);
  }

  @TempDir Path dir;

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void clean_stream_passes_with_a_summary() throws IOException {
    write("events.xml", stream("<forward-request buffer-response=\"false\" />"));

    CliRun run = CliRun.run(dir, "lint", "events.xml");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).isEqualTo("Scanned 1 file: 0 errors, 0 warnings, 0 info\n");
  }

  @Test
  void buffering_forward_request_fails_with_its_position() throws IOException {
    write("events.xml", stream("<forward-request />"));

    CliRun run = CliRun.run(dir, "lint", "events.xml");

    assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS);
    // A lone file is the policy of an API whose one operation has none: the node is inherited.
    assertThat(run.out())
        .startsWith(
            "events.xml:7:5: error: <forward-request> inherited from api events buffers the whole"
                + " response of operation events/*");
    assertThat(run.out()).contains("[SSE001]").contains("fix: Set buffer-response=\"false\"");
    assertThat(run.err()).contains("lint failed: 1 finding at or above --fail-on error");
  }

  @Test
  void inherited_default_global_policy_is_a_warning_that_fail_on_warning_turns_into_failure()
      throws IOException {
    write("events.xml", stream("<base />"));

    assertThat(CliRun.run(dir, "lint", "events.xml").exitCode()).isEqualTo(ExitCode.OK);
    assertThat(CliRun.run(dir, "lint", "--fail-on", "warning", "events.xml").exitCode())
        .isEqualTo(ExitCode.PROBLEMS);
    assertThat(CliRun.run(dir, "lint", "--max-warnings", "0", "events.xml").exitCode())
        .isEqualTo(ExitCode.PROBLEMS);
    assertThat(CliRun.run(dir, "lint", "--max-warnings", "1", "events.xml").exitCode())
        .isEqualTo(ExitCode.OK);
  }

  @Test
  void sarif_report_has_relative_uris_and_goes_to_the_output_file() throws IOException {
    write("apis/events.xml", stream("<forward-request />"));

    CliRun run = CliRun.run(dir, "lint", "--format", "sarif", "-o", "out/lint.sarif", "apis");

    assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS);
    assertThat(run.out()).startsWith("Scanned 1 file: 1 error").endsWith("report written to out/lint.sarif\n");
    String sarif = Files.readString(dir.resolve("out/lint.sarif"));
    assertThat(sarif).contains("\"version\": \"2.1.0\"", "\"uri\": \"apis/events.xml\"", "\"ruleId\": \"SSE001\"");
  }

  @Test
  void disable_and_configuration_turn_rules_off() throws IOException {
    write("events.xml", stream("<forward-request />"));

    assertThat(CliRun.run(dir, "lint", "--disable", "SSE001", "events.xml").exitCode())
        .isEqualTo(ExitCode.OK);
    write("sluice-lint.json", "{\"rules\": {\"SSE001\": \"info\"}}");
    CliRun configured = CliRun.run(dir, "lint", "events.xml");
    assertThat(configured.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(configured.out()).contains(": info: ");
  }

  @Test
  void bad_options_and_configuration_are_usage_errors() throws IOException {
    write("events.xml", stream("<forward-request buffer-response=\"false\" />"));
    write("bad.json", "{\"rules\": {\"SSE001\": \"loud\"}}");

    assertThat(CliRun.run(dir, "lint", "--disable", "SSE999", "events.xml").exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.run(dir, "lint", "--format", "html", "events.xml").exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(CliRun.run(dir, "lint", "--fail-on", "never", "events.xml").exitCode())
        .isEqualTo(ExitCode.USAGE);
    CliRun badConfig = CliRun.run(dir, "lint", "--config", "bad.json", "events.xml");
    assertThat(badConfig.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badConfig.err()).contains("bad.json:1:22: error:").contains("[INVALID_LINT_CONFIG]");
    assertThat(CliRun.run(dir, "lint", "missing.xml").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void file_that_does_not_load_is_a_finding_in_every_format() throws IOException {
    write("broken.xml", "<policies>\n  <inbound>\n</policies>\n");

    CliRun run = CliRun.run(dir, "lint", "--format", "json", "broken.xml");

    assertThat(run.exitCode()).isEqualTo(ExitCode.PROBLEMS);
    assertThat(run.out()).contains("\"ruleId\": \"NOT_WELL_FORMED\"", "\"file\": \"broken.xml\"");
  }

  @Test
  void docs_example_output_is_true() throws IOException {
    write("apis/events.xml", stream("<forward-request />"));

    CliRun run = CliRun.run(dir, "lint", "--fail-on", "warning", "apis/");

    String docs = Files.readString(Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
        .getParent().resolve("docs/cli.md"));
    String example = docs.substring(docs.indexOf("$ sluice lint --fail-on warning apis/\n"));
    example = example.substring(example.indexOf('\n') + 1, example.indexOf("```"));
    assertThat(run.out()).isEqualTo(example);
  }
}
