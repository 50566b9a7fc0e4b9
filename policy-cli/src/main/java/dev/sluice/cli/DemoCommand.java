package dev.sluice.cli;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.runtime.CompilerOptions;
import dev.sluice.runtime.GatewayRoutes;
import dev.sluice.runtime.RoutingTable;
import dev.sluice.xml.GatewayLoader;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice demo}: the gateway of {@code examples/demo} (bundled in the jar) in front of an
 * embedded backend that streams events ({@link DemoBackend}), both on 127.0.0.1, until Ctrl-C.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Run a streaming demo: the gateway in front of a backend that sends events.",
    description = {
      "Starts a backend on 127.0.0.1 that streams a clock tick and a chat-like token stream, and the"
          + " gateway of examples/demo in front of it, then prints curl commands to try. Ctrl-C stops it."
    },
    footer = {"", "Exit codes: 0 served and stopped, 2 usage error or port unavailable, 3 internal error."})
final class DemoCommand implements Callable<Integer> {
  /** The demo gateway's files, bundled as resources under this folder (see policy-cli/pom.xml). */
  private static final String RESOURCES = "/dev/sluice/cli/demo/";
  private static final List<String> FILES =
      List.of("gateway.xml", "global.xml", "apis/clock.xml", "apis/chat.xml");

  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Gateway port (0: any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop by itself after this many seconds.")
  Long durationSeconds;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Duration> duration = Durations.of(spec, durationSeconds);

    Vertx vertx = Serving.vertx();
    int backendPort;
    try {
      backendPort = Serving.await(DemoBackend.start(vertx), 60).actualPort();
    } catch (ExecutionException | TimeoutException e) {
      err.println("sluice: the demo backend did not start: " + Serving.message(e));
      Serving.closeQuietly(vertx);
      return ExitCode.INTERNAL;
    }
    LoadResult<RoutingTable> routes = routes("http://127.0.0.1:" + backendPort);
    if (routes.value().isEmpty()) {
      // The bundled files are part of Sluice: an error here is a bug, reported as such.
      routes.diagnostics().forEach(d -> err.println(d.format()));
      err.println("sluice: the demo gateway does not compile");
      Serving.closeQuietly(vertx);
      return ExitCode.INTERNAL;
    }
    return Serving.run(
        out,
        err,
        vertx,
        routes.value().get(),
        "127.0.0.1",
        port,
        duration,
        actualPort -> banner(backendPort, actualPort));
  }

  private static List<String> banner(int backendPort, int gatewayPort) {
    String base = "http://127.0.0.1:" + gatewayPort;
    return List.of(
        "demo backend in this process on 127.0.0.1:" + backendPort + ", policies from examples/demo",
        "try, in another terminal (Ctrl-C here stops the demo):",
        "  curl -N " + base + "/clock/ticks",
        "  curl -N " + base + "/chat/stream",
        "  curl -N '" + base + "/chat/stream?lang=fr'",
        "  curl -i '" + base + "/chat/stream?lang=de'");
  }

  /** Loads the bundled demo gateway with every API pointed at {@code backendUrl}, and compiles it. */
  static LoadResult<RoutingTable> routes(String backendUrl) throws IOException {
    Path dir = Files.createTempDirectory("sluice-demo");
    try {
      for (String file : FILES) {
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCES + file)) {
          if (in == null) {
            throw new IllegalStateException("demo resource missing: " + file);
          }
          Files.copy(in, target);
        }
      }
      LoadResult<Gateway> loaded = GatewayLoader.create().load(dir.resolve("gateway.xml"));
      if (loaded.value().isEmpty() || loaded.hasErrors()) {
        return LoadResult.failed(loaded.diagnostics());
      }
      Gateway gateway = loaded.value().get();
      List<Gateway.Api> apis = new ArrayList<>();
      for (Gateway.Api api : gateway.apis()) {
        String path = api.backendUrl().map(url -> url.replaceFirst("^https?://[^/]+", "")).orElse("");
        apis.add(
            new Gateway.Api(
                api.id(), api.path(), Optional.of(backendUrl + path), api.policy(), api.operations(), api.source()));
      }
      Gateway local =
          new Gateway(
              gateway.globalPolicy(),
              gateway.products(),
              apis,
              gateway.fragments(),
              gateway.namedValues(),
              gateway.tier(),
              gateway.frontProxy(),
              gateway.source());
      LoadResult<RoutingTable> compiled = GatewayRoutes.compile(local, CompilerOptions.defaults());
      List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
      all.addAll(compiled.diagnostics());
      return new LoadResult<>(compiled.value(), all);
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
