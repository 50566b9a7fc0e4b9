package dev.sluice.runtime;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.xml.GatewayLoader;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@link RoutingTable} of a whole gateway: one {@link Route} per operation (API path,
 * method, URL template, the API's backend URL), with the pipeline compiled from the operation's
 * effective policy by {@link PipelineCompiler}.
 *
 * <p>An API in several products is compiled with the policy of its first product (a gateway without
 * subscriptions cannot tell which product a caller uses). Operation templates: a query part is
 * ignored for matching, and a trailing {@code *} segment matches the rest of the path. The result
 * has a table only when there is no error; every diagnostic (loading, graph, compilation) is
 * reported once, sorted. Loading reads files (blocking): call it off the event loop.
 */
public final class GatewayRoutes {
  private static final URI NO_BACKEND = URI.create("http://backend.invalid/");

  private GatewayRoutes() {}

  /** Loads a descriptor, an APIOps extract or policy files ({@link GatewayLoader}) and compiles it. */
  public static LoadResult<RoutingTable> load(Path path, CompilerOptions options) {
    LoadResult<Gateway> loaded = GatewayLoader.create().load(path);
    if (loaded.value().isEmpty() || loaded.hasErrors()) {
      return LoadResult.failed(loaded.diagnostics());
    }
    LoadResult<RoutingTable> compiled = compile(loaded.value().get(), options);
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    all.addAll(compiled.diagnostics());
    List<Diagnostic> unique = all.stream().distinct().sorted().toList();
    return new LoadResult<>(compiled.value(), unique);
  }

  /** Compiles every operation of {@code gateway}. */
  public static LoadResult<RoutingTable> compile(Gateway gateway, CompilerOptions options) {
    Objects.requireNonNull(gateway, "gateway");
    PipelineCompiler compiler = PipelineCompiler.create(gateway, options);
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<Route> routes = new ArrayList<>();
    for (Gateway.Api api : gateway.apis()) {
      for (Gateway.Operation operation : api.operations()) {
        LoadResult<PolicyGraph> graph = PolicyGraph.build(gateway, api.id(), operation.id());
        diagnostics.addAll(graph.diagnostics());
        if (graph.value().isEmpty()) {
          continue;
        }
        LoadResult<Pipeline> pipeline = compiler.compile(graph.value().get());
        diagnostics.addAll(pipeline.diagnostics());
        if (pipeline.value().isEmpty()) {
          continue;
        }
        Optional<URI> backend = backendUrl(api, graph.value().get(), diagnostics);
        if (backend.isEmpty()) {
          continue;
        }
        try {
          routes.add(
              new Route(
                  apiPath(api.path()),
                  operation.method(),
                  template(operation.urlTemplate()),
                  backend.get(),
                  pipeline.value().get()));
        } catch (IllegalArgumentException e) {
          diagnostics.add(
              Diagnostic.of(
                  DiagnosticCode.INVALID_VALUE,
                  operation.source(),
                  "operation " + operation.id() + " cannot be routed: " + e.getMessage()));
        }
      }
    }
    List<Diagnostic> unique = diagnostics.stream().distinct().sorted().toList();
    if (unique.stream().anyMatch(Diagnostic::isError)) {
      return LoadResult.failed(unique);
    }
    return LoadResult.of(RoutingTable.of(routes), unique);
  }

  private static Optional<URI> backendUrl(
      Gateway.Api api, PolicyGraph graph, List<Diagnostic> diagnostics) {
    if (api.backendUrl().isPresent()) {
      try {
        URI uri = URI.create(api.backendUrl().get().trim());
        if (uri.isAbsolute() && uri.getHost() != null) {
          return Optional.of(uri);
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.INVALID_VALUE,
              api.source(),
              "API " + api.id() + " has a backend URL that is not an absolute http(s) URL: "
                  + api.backendUrl().get()));
      return Optional.empty();
    }
    boolean setsBackend =
        graph.allNodes().stream().anyMatch(node -> node.name().equals("set-backend-service"));
    if (setsBackend) {
      return Optional.of(NO_BACKEND);
    }
    diagnostics.add(
        Diagnostic.of(
            DiagnosticCode.POLICY_NOT_EXECUTABLE,
            api.source(),
            "API " + api.id() + " has no backend URL and no set-backend-service: declare its"
                + " service URL"));
    return Optional.empty();
  }

  static String apiPath(String path) {
    String trimmed = path.trim();
    if (trimmed.isEmpty() || trimmed.equals("/")) {
      return "";
    }
    return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
  }

  static String template(String urlTemplate) {
    String template = urlTemplate.trim();
    int query = template.indexOf('?');
    if (query >= 0) {
      template = template.substring(0, query);
    }
    if (!template.startsWith("/")) {
      template = "/" + template;
    }
    if (template.endsWith("/*")) {
      template = template.substring(0, template.length() - 1) + "{*rest}";
    }
    return template;
  }
}
