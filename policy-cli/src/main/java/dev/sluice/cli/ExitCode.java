package dev.sluice.cli;

/** The process exit codes of every {@code sluice} command, documented in docs/cli.md. */
final class ExitCode {
  /** The command did its work and found no error. */
  static final int OK = 0;
  /** The input was read and has at least one error. */
  static final int PROBLEMS = 1;
  /** The command line was wrong, or an input could not be read. */
  static final int USAGE = 2;
  /** Sluice failed: a bug, reported with its message and no stack trace. */
  static final int INTERNAL = 3;

  private ExitCode() {}
}
