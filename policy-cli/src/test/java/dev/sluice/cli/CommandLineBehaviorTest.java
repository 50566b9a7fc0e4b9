package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Command;

class CommandLineBehaviorTest {

  @TempDir Path dir;

  @Test
  void no_command_is_a_usage_error_with_synopsis_on_stderr() {
    CliRun run = CliRun.run(dir);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("sluice: missing command")
        .contains("Usage: sluice")
        .contains("Try 'sluice --help' for more information.");
  }

  @Test
  void unknown_option_names_the_option_and_the_subcommand_usage() {
    CliRun run = CliRun.run(dir, "check", "--bogus", "x.xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--bogus")
        .contains("Usage: sluice check")
        .contains("Try 'sluice check --help'");
    assertThat(run.err()).doesNotContain("at picocli.").doesNotContain("Exception");
  }

  @Test
  void check_without_path_is_a_usage_error() {
    CliRun run = CliRun.run(dir, "check");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("PATH").contains("Usage: sluice check");
  }

  @Test
  void unknown_command_is_a_usage_error() {
    CliRun run = CliRun.run(dir, "frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("frobnicate");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "check", "graph"})
  void help_is_printed_to_stdout_for_every_command(String command) {
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};

    CliRun run = CliRun.run(dir, args);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: sluice" + (command.isEmpty() ? "" : " " + command));
    assertThat(run.out()).contains("--version").contains("Exit codes:");
    assertThat(run.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "check", "graph"})
  void version_is_the_project_version_for_every_command(String command) {
    String[] args = command.isEmpty() ? new String[] {"--version"} : new String[] {command, "--version"};

    CliRun run = CliRun.run(dir, args);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).matches("sluice \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void help_subcommand_shows_a_command_usage() {
    CliRun run = CliRun.run(dir, "help", "graph");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: sluice graph").contains("--operation");
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "graph"})
  void missing_input_is_reported_relative_to_the_working_directory_with_exit_2(String command) {
    CliRun run = CliRun.run(dir, command, "nowhere/policy.xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("sluice: nowhere/policy.xml: no such file or directory" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void missing_input_outside_the_working_directory_is_shown_absolute() throws Exception {
    Path inside = Files.createDirectory(dir.resolve("inside"));
    Path outside = dir.resolve("outside.xml");

    CliRun run = CliRun.run(inside, "check", outside.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("sluice: " + outside + ": no such file or directory");
  }

  @Test
  void internal_error_prints_one_line_without_stack_trace_and_exits_3() {
    CliRun run =
        CliRun.run(dir, commandLine -> commandLine.addSubcommand("boom", new Boom()), "boom");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).isEqualTo("sluice: internal error: kaput" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("kaput");
    }
  }
}
