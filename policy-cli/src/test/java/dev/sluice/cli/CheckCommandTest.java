package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  private static final String CLEAN =
      """
      <policies>
        <inbound>
          <set-header name="X-Trace" exists-action="override">
            <value>on</value>
          </set-header>
        </inbound>
        <backend>
          <forward-request buffer-response="false" />
        </backend>
        <outbound />
        <on-error />
      </policies>
      """;

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  @Test
  void clean_file_prints_only_the_summary_and_exits_0() throws IOException {
    write("policy.xml", CLEAN);

    CliRun run = CliRun.run(dir, "check", "policy.xml");

    assertThat(run.err()).isEmpty();
    assertThat(lines(run.out())).containsExactly("1 file checked: 0 errors, 0 warnings");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void error_is_printed_with_relative_position_and_code_and_exits_1() throws IOException {
    write("policies/broken.xml", "<policies>\n  <inbound>\n    <base>\n  </inbound>\n</policies>\n");

    CliRun run = CliRun.run(dir, "check", dir.toString());

    List<String> out = lines(run.out());
    assertThat(out).hasSizeGreaterThanOrEqualTo(2);
    assertThat(out.get(0)).matches("policies/broken\\.xml:\\d+:\\d+: error: .+ \\[NOT_WELL_FORMED]");
    assertThat(out.get(out.size() - 1)).startsWith("1 file checked: 1 error");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void warnings_alone_exit_0() throws IOException {
    write("policy.xml", CLEAN.replace("<outbound />", "<outbound>\n    <frobnicate />\n  </outbound>"));

    CliRun run = CliRun.run(dir, "check", "policy.xml");

    assertThat(lines(run.out()))
        .anySatisfy(line -> assertThat(line).matches("policy\\.xml:11:5: warning: .*frobnicate.* \\[UNKNOWN_POLICY]"))
        .last()
        .isEqualTo("1 file checked: 0 errors, 1 warning");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void diagnostics_of_several_files_are_sorted_by_file_then_line() throws IOException {
    String unknownPolicy = CLEAN.replace("<outbound />", "<outbound>\n    <frobnicate />\n  </outbound>");
    write("b/policy.xml", unknownPolicy);
    write("a/policy.xml", unknownPolicy.replace("<on-error />", "<on-error>\n    <zap />\n  </on-error>"));
    write("a/notes.txt", "not a policy");

    CliRun run = CliRun.run(dir, "check", "b", "a");

    List<String> out = lines(run.out());
    assertThat(out).hasSize(4);
    assertThat(out.get(0)).startsWith("a/policy.xml:11:");
    assertThat(out.get(1)).startsWith("a/policy.xml:14:");
    assertThat(out.get(2)).startsWith("b/policy.xml:11:");
    assertThat(out.get(3)).isEqualTo("2 files checked: 0 errors, 3 warnings");
  }

  @Test
  void example_apiops_extract_is_clean() {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();

    CliRun run = CliRun.run(examples, "check", "apiops");

    assertThat(run.err()).isEmpty();
    assertThat(lines(run.out())).last().asString().matches("\\d+ files checked: 0 errors, 0 warnings");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void mistakes_example_reports_each_mistake_at_its_place() {
    Path examples = Path.of("..", "examples").toAbsolutePath().normalize();

    CliRun run = CliRun.run(examples, "check", "mistakes");

    assertThat(lines(run.out()))
        .satisfiesExactly(
            line -> assertThat(line).startsWith("mistakes/echo-api.xml:2:1: warning: ").endsWith("[MISSING_SECTION]"),
            line -> assertThat(line).startsWith("mistakes/echo-api.xml:6:47: error: ").endsWith("[INVALID_VALUE]"),
            line -> assertThat(line).startsWith("mistakes/echo-api.xml:10:23: error: ").endsWith("[MISSING_FRAGMENT]"),
            line -> assertThat(line).isEqualTo("1 file checked: 2 errors, 1 warning"));
    assertThat(run.exitCode()).isEqualTo(1);
  }
}
