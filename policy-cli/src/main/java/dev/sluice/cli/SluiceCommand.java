package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code sluice} command: holds the subcommands and what they share. */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Reads, checks, lints, explains and runs API Management policies.",
    subcommands = {
      DemoCommand.class,
      CheckCommand.class,
      GraphCommand.class,
      LintCommand.class,
      ServeCommand.class,
      HelpCommand.class
    },
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Exit codes: 0 ok, 1 errors found, 2 usage error or unreadable input, 3 internal error."})
final class SluiceCommand implements Runnable {

  @Spec CommandSpec spec;

  private final Path workingDirectory;

  SluiceCommand(Path workingDirectory) {
    this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory").toAbsolutePath().normalize();
  }

  /** The directory output paths are made relative to. */
  Path workingDirectory() {
    return workingDirectory;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
