package dev.sluice.cli;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Severity;
import dev.sluice.runtime.CompilerOptions;
import dev.sluice.runtime.GatewayRoutes;
import dev.sluice.runtime.RoutingTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice serve PATH}: loads and compiles a gateway, prints its diagnostics as {@code check}
 * does, and serves it until Ctrl-C; it refuses to start when there is an error.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Run the gateway of a descriptor or an APIOps extract.",
    description = {
      "Loads a gateway descriptor or an APIOps extract, compiles every operation's effective policy,"
          + " prints every problem as check does, and serves the gateway until Ctrl-C. With an error"
          + " it does not start."
    },
    footer = {"", "Exit codes: 0 served and stopped, 1 errors found (not started), 2 usage error,"
        + " unreadable input or port unavailable, 3 internal error."})
final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand SluiceCommand parent;

  @Parameters(index = "0", paramLabel = "DESCRIPTOR|APIOPS-DIR", description = "A gateway descriptor or an APIOps extract.")
  String path;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop by itself after this many seconds.")
  Long durationSeconds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DisplayPaths display = new DisplayPaths(parent.workingDirectory());
    Path resolved = display.resolve(path);
    Optional<String> unreadable = Inputs.unreadable(List.of(resolved), display);
    if (unreadable.isPresent()) {
      err.println("sluice: " + unreadable.get());
      return ExitCode.USAGE;
    }
    Optional<Duration> duration = Durations.of(spec, durationSeconds);

    LoadResult<RoutingTable> routes = GatewayRoutes.load(resolved, CompilerOptions.defaults());
    List<Diagnostic> diagnostics =
        routes.diagnostics().stream().distinct().map(display::display).sorted().toList();
    diagnostics.forEach(d -> out.println(d.format()));
    out.flush();
    if (Inputs.hasUnreadableInput(diagnostics)) {
      return ExitCode.USAGE;
    }
    if (Inputs.hasErrors(diagnostics) || routes.value().isEmpty()) {
      long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
      err.println("sluice: not started: " + errors + (errors == 1 ? " error" : " errors"));
      err.flush();
      return ExitCode.PROBLEMS;
    }
    return Serving.run(
        out, err, Serving.vertx(), routes.value().get(), host, port, duration, actualPort -> List.of());
  }
}
