package dev.sluice.cli;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Severity;
import dev.sluice.xml.GatewayLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sluice check PATH...}: loads policies and prints every diagnostic, sorted. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check policies and print every problem, sorted.",
    description = {
      "Loads policy files, folders of them, an APIOps extract or a gateway descriptor and prints every"
          + " problem as file:line:col: severity: message [CODE], sorted, then a summary line."
    },
    footer = {"", "Exit codes: 0 no errors, 1 errors found, 2 usage error or unreadable input, 3 internal error."})
final class CheckCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand SluiceCommand parent;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "A policy file, a folder, an APIOps extract or a gateway descriptor.")
  List<String> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DisplayPaths display = new DisplayPaths(parent.workingDirectory());
    List<Path> resolved = paths.stream().map(display::resolve).toList();
    Optional<String> unreadable = Inputs.unreadable(resolved, display);
    if (unreadable.isPresent()) {
      err.println("sluice: " + unreadable.get());
      return ExitCode.USAGE;
    }

    Inputs inputs = new Inputs(GatewayLoader.create());
    Set<String> files = new HashSet<>();
    Set<Diagnostic> found = new HashSet<>();
    for (Path path : resolved) {
      Inputs.Loaded loaded = inputs.load(path, true);
      files.addAll(loaded.files());
      found.addAll(loaded.diagnostics());
    }
    List<Diagnostic> diagnostics = found.stream().map(display::display).sorted().toList();
    diagnostics.forEach(d -> out.println(d.format()));
    out.println(summary(files.size(), diagnostics));
    out.flush();

    if (Inputs.hasUnreadableInput(diagnostics)) {
      return ExitCode.USAGE;
    }
    return Inputs.hasErrors(diagnostics) ? ExitCode.PROBLEMS : ExitCode.OK;
  }

  static String summary(int files, List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
    long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    long infos = diagnostics.stream().filter(d -> d.severity() == Severity.INFO).count();
    StringBuilder line = new StringBuilder();
    line.append(count(files, "file")).append(" checked: ");
    line.append(count(errors, "error")).append(", ").append(count(warnings, "warning"));
    if (infos > 0) {
      line.append(", ").append(count(infos, "info"));
    }
    return line.toString();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 || noun.equals("info") ? "" : "s");
  }
}
