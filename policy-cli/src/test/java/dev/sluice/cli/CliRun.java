package dev.sluice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;

/** One in-process run of {@code sluice}: exit code and everything printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Path workingDirectory, String... args) {
    return run(workingDirectory, commandLine -> {}, args);
  }

  static CliRun run(Path workingDirectory, Consumer<CommandLine> customize, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(workingDirectory);
    customize.accept(commandLine);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
