package dev.sluice.cli;

import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Entry point of the {@code sluice} command.
 *
 * <p>Exit codes: {@code 0} success, {@code 1} problems found (an error diagnostic), {@code 2} usage
 * error or unreadable input, {@code 3} internal error (a bug in Sluice; the message is printed, never
 * a stack trace).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine(Path.of("").toAbsolutePath()).execute(args));
  }

  /**
   * The whole command tree with picocli's standard streams (callers may replace them with
   * {@link CommandLine#setOut} and {@link CommandLine#setErr}); paths in output are shown relative to
   * {@code workingDirectory} when they lie under it.
   */
  static CommandLine commandLine(Path workingDirectory) {
    CommandLine commandLine = new CommandLine(new SluiceCommand(workingDirectory));
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    commandLine.setExecutionExceptionHandler(new InternalErrorHandler());
    return commandLine;
  }
}
