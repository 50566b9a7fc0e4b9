package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice lint}: every option and exit code, in process. */
class LintCommandTest {

  static final Path EXAMPLE = Path.of("..", "examples", "sse-broken").toAbsolutePath().normalize();
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "lint-sse-broken.txt");

  /** A streaming operation (marked by the comment) that inherits APIM's default global policy. */
  static final String LONE_STREAM =
      """
      <!-- sluice:sse -->
      <policies>
        <inbound>
          <base />
        </inbound>
        <backend>
          <base />
        </backend>
        <outbound>
          <base />
        </outbound>
        <on-error>
          <base />
        </on-error>
      </policies>
      """;

  /** Buffers the response for certain: an error when the operation streams. */
  static final String BUFFERING =
      LONE_STREAM.replace("<!-- sluice:sse -->\n", "").replace("<base />\n  </backend>", "<forward-request />\n  </backend>");

  static final String CLEAN = BUFFERING.replace("<forward-request />", "<forward-request buffer-response=\"false\" />");

  @TempDir Path dir;

  Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  static Path copyExample(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path source : files.toList()) {
        Path to = target.resolve(EXAMPLE.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(to);
        } else {
          Files.copy(source, to);
        }
      }
    }
    return target;
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void text_output_over_the_example_matches_the_golden_file() throws IOException {
    CliRun run = CliRun.run(EXAMPLE.getParent(), "lint", "sse-broken");

    String actual = run.out().replace(System.lineSeparator(), "\n");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("sluice: lint failed: ").contains("at or above --fail-on error");
  }

  @Test
  void clean_input_exits_0_with_only_the_summary() throws IOException {
    write("policy.xml", "<!-- sluice:sse -->\n" + CLEAN);

    CliRun run = CliRun.run(dir, "lint", "policy.xml");

    assertThat(lines(run.out())).containsExactly("Scanned 1 file: 0 errors, 0 warnings, 0 info");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void buffering_stream_is_an_error_and_exits_1() throws IOException {
    write("chat.xml", "<!-- sluice:sse -->\n" + BUFFERING);

    CliRun run = CliRun.run(dir, "lint", "chat.xml");

    assertThat(lines(run.out()).get(0)).matches("chat\\.xml:7:5: error: .* \\[SSE001]");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void operation_that_does_not_stream_is_not_linted_for_buffering() throws IOException {
    write("chat.xml", BUFFERING);

    CliRun run = CliRun.run(dir, "lint", "chat.xml");

    assertThat(run.out()).doesNotContain("SSE001");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void sse_glob_marks_matching_operations_as_streams() throws IOException {
    write("chat.xml", BUFFERING);
    write("other.xml", BUFFERING);

    CliRun run = CliRun.run(dir, "lint", "--sse", "chat/*", "chat.xml", "other.xml");

    assertThat(run.out()).contains("chat.xml:6:5: error:").doesNotContain("other.xml:6:5");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void sse_double_star_matches_across_the_slash_and_unused_globs_warn() throws IOException {
    write("chat.xml", BUFFERING);

    CliRun run = CliRun.run(dir, "lint", "--sse", "**,nothing/here", "chat.xml");

    assertThat(run.out()).contains("[SSE001]");
    assertThat(run.err()).contains("sluice: warning: --sse 'nothing/here' matches no operation");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void inherited_default_global_policy_is_a_warning_that_fail_on_warning_turns_into_exit_1()
      throws IOException {
    write("stream.xml", LONE_STREAM);

    CliRun lenient = CliRun.run(dir, "lint", "stream.xml");
    CliRun strict = CliRun.run(dir, "lint", "--fail-on", "warning", "stream.xml");

    assertThat(lines(lenient.out()).get(0))
        .matches("stream\\.xml:7:5: warning: no global policy was given.* \\[SSE001]");
    assertThat(lenient.exitCode()).isZero();
    assertThat(strict.out()).isEqualTo(lenient.out());
    assertThat(strict.err()).contains("1 finding at or above --fail-on warning");
    assertThat(strict.exitCode()).isEqualTo(1);
  }

  @Test
  void max_warnings_fails_only_above_the_limit() throws IOException {
    write("a.xml", LONE_STREAM);
    write("b.xml", LONE_STREAM);

    CliRun two = CliRun.run(dir, "lint", "--max-warnings", "2", "a.xml", "b.xml");
    CliRun one = CliRun.run(dir, "lint", "--max-warnings", "1", "a.xml", "b.xml");

    assertThat(two.exitCode()).isZero();
    assertThat(one.err()).contains("2 warnings exceed --max-warnings 1");
    assertThat(one.exitCode()).isEqualTo(1);
  }

  @Test
  void disable_turns_rules_off() throws IOException {
    write("chat.xml", "<!-- sluice:sse -->\n" + BUFFERING);

    CliRun run = CliRun.run(dir, "lint", "--disable", "SSE006,SSE001", "chat.xml");

    assertThat(lines(run.out())).containsExactly("Scanned 1 file: 0 errors, 0 warnings, 0 info");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void config_file_sets_rule_levels() throws IOException {
    write("chat.xml", "<!-- sluice:sse -->\n" + BUFFERING);
    write("lint.json", "{ \"rules\": { \"SSE001\": \"warning\" } }");

    CliRun run = CliRun.run(dir, "lint", "--config", "lint.json", "chat.xml");

    assertThat(lines(run.out()).get(0)).matches("chat\\.xml:7:5: warning: .* \\[SSE001]");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void config_file_in_the_linted_folder_applies_without_config_option() throws IOException {
    write("apis/chat.xml", "<!-- sluice:sse -->\n" + BUFFERING);
    write("apis/sluice-lint.json", "{ \"rules\": { \"SSE001\": \"off\" } }");

    CliRun run = CliRun.run(dir, "lint", "apis");

    assertThat(run.out()).doesNotContain("SSE001");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void invalid_config_file_is_a_usage_error_with_its_position() throws IOException {
    write("chat.xml", CLEAN);
    write("lint.json", "{ \"rules\": { \"SSE001\": \"loud\" } }");

    CliRun run = CliRun.run(dir, "lint", "--config", "lint.json", "chat.xml");

    assertThat(run.err()).contains("lint.json:1:").contains("[INVALID_LINT_CONFIG]");
    assertThat(run.out()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void every_format_is_written_to_the_output_file_and_stdout_gets_the_summary() throws IOException {
    write("chat.xml", "<!-- sluice:sse -->\n" + BUFFERING);
    List<String> starts = List.of("chat.xml:7:5", "{", "{", "<?xml", "<?xml");
    List<String> formats = List.of("text", "json", "sarif", "junit", "checkstyle");
    for (int i = 0; i < formats.size(); i++) {
      String format = formats.get(i);
      CliRun run =
          CliRun.run(dir, "lint", "--format", format, "--output", "reports/out." + format, "chat.xml");

      String report = Files.readString(dir.resolve("reports/out." + format), StandardCharsets.UTF_8);
      assertThat(report).as(format).startsWith(starts.get(i)).contains("SSE001");
      assertThat(lines(run.out()))
          .as(format)
          .containsExactly("Scanned 1 file: 1 error, 0 warnings, 0 info; report written to reports/out." + format);
      assertThat(run.exitCode()).isEqualTo(1);
    }
  }

  @Test
  void sarif_on_stdout_names_files_relative_to_the_working_directory() throws IOException {
    write("apis/chat.xml", "<!-- sluice:sse -->\n" + BUFFERING);

    CliRun run = CliRun.run(dir, "lint", "--format", "sarif", "apis");

    assertThat(run.out()).contains("\"version\": \"2.1.0\"").contains("\"uri\": \"apis/chat.xml\"");
    assertThat(run.out()).doesNotContain(dir.toString());
  }

  @Test
  void unknown_format_is_a_usage_error() throws IOException {
    write("chat.xml", CLEAN);

    CliRun run = CliRun.run(dir, "lint", "--format", "html", "chat.xml");

    assertThat(run.err()).startsWith("sluice: --format must be text, json, sarif, junit or checkstyle: 'html'");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void wrong_option_values_are_usage_errors() throws IOException {
    write("chat.xml", CLEAN);

    assertThat(CliRun.run(dir, "lint", "--fail-on", "never", "chat.xml").exitCode()).isEqualTo(2);
    assertThat(CliRun.run(dir, "lint", "--max-warnings", "-1", "chat.xml").exitCode()).isEqualTo(2);
    assertThat(CliRun.run(dir, "lint", "--max-warnings", "many", "chat.xml").exitCode()).isEqualTo(2);
    assertThat(CliRun.run(dir, "lint", "--dry-run", "chat.xml").err()).startsWith("sluice: --dry-run needs --fix");
    CliRun unknownRule = CliRun.run(dir, "lint", "--disable", "SSE999", "chat.xml");
    assertThat(unknownRule.err()).startsWith("sluice: --disable: no rule 'SSE999'; rules: ").contains("SSE001");
    assertThat(unknownRule.exitCode()).isEqualTo(2);
    assertThat(CliRun.run(dir, "lint").exitCode()).isEqualTo(2);
  }

  @Test
  void missing_path_or_config_is_a_usage_error() throws IOException {
    write("chat.xml", CLEAN);

    CliRun path = CliRun.run(dir, "lint", "nope.xml");
    CliRun config = CliRun.run(dir, "lint", "--config", "nope.json", "chat.xml");

    assertThat(path.err()).isEqualTo("sluice: nope.xml: no such file or directory" + System.lineSeparator());
    assertThat(path.exitCode()).isEqualTo(2);
    assertThat(config.err()).startsWith("sluice: nope.json: no such file or directory");
    assertThat(config.exitCode()).isEqualTo(2);
  }

  @Test
  void file_that_is_not_well_formed_is_a_finding_and_exits_1() throws IOException {
    write("broken.xml", "<policies>\n  <inbound>\n    <base>\n  </inbound>\n</policies>\n");

    CliRun run = CliRun.run(dir, "lint", "broken.xml");

    assertThat(run.out()).contains("broken.xml:").contains("[NOT_WELL_FORMED]");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void unwritable_output_is_a_usage_error() throws IOException {
    write("chat.xml", CLEAN);
    write("taken/file", "a file where a folder should be");

    CliRun run = CliRun.run(dir, "lint", "--output", "taken/file/report.txt", "chat.xml");

    assertThat(run.err()).startsWith("sluice: cannot write taken/file/report.txt");
    assertThat(run.exitCode()).isEqualTo(2);
  }
}
