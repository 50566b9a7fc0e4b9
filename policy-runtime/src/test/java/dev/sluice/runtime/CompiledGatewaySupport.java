package dev.sluice.runtime;

import dev.sluice.core.LoadResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways built from policy XML through the whole load path: a descriptor and policy files on
 * disk, {@link GatewayRoutes#load}, then a real gateway on port 0 in front of real backends.
 */
abstract class CompiledGatewaySupport extends GatewayTestSupport {
  @TempDir Path dir;

  final List<TraceSink.Entry> traces = Collections.synchronizedList(new ArrayList<>());

  CompilerOptions compilerOptions() {
    return CompilerOptions.defaults().withTraceSink(traces::add);
  }

  /**
   * Writes a gateway with one API at {@code /api} whose policy is {@code apiPolicy}: operation
   * {@code item} ({@code /items/{id}}, any method, streaming when asked) and operation {@code rest}
   * ({@code /*}).
   */
  Path writeGateway(String backendUrl, String apiPolicy, boolean streaming) throws IOException {
    Files.writeString(dir.resolve("api.xml"), apiPolicy, StandardCharsets.UTF_8);
    String gateway =
        """
        <gateway>
          <named-value name="greeting" value="hello"/>
          <api id="shop" path="api" backend-url="%s" policy="api.xml">
            <operation id="item" method="*" url-template="/items/{id}" streaming="%s"/>
            <operation id="rest" method="*" url-template="/*"/>
          </api>
        </gateway>
        """
            .formatted(backendUrl, streaming ? "sse" : "none");
    Path file = dir.resolve("gateway.xml");
    Files.writeString(file, gateway, StandardCharsets.UTF_8);
    return file;
  }

  LoadResult<RoutingTable> load(String backendUrl, String apiPolicy, boolean streaming, CompilerOptions options)
      throws IOException {
    return GatewayRoutes.load(writeGateway(backendUrl, apiPolicy, streaming), options);
  }

  /** Loads the policy (failing the test on load errors) and starts a gateway; its port. */
  int serve(HttpServer backend, String apiPolicy) throws Exception {
    return serve(url(backend).toString(), apiPolicy, GatewayOptions.defaults());
  }

  int serve(String backendUrl, String apiPolicy, GatewayOptions options) throws Exception {
    LoadResult<RoutingTable> routes = load(backendUrl, apiPolicy, false, compilerOptions());
    if (routes.value().isEmpty()) {
      throw new AssertionError("load failed: " + routes.diagnostics());
    }
    return gateway(options, routes.value().get()).port();
  }

  /** A backend that answers {@code METHOD URI} and the request body, echoing headers as x-echo-*. */
  HttpServer echoBackend() throws Exception {
    return backend(
        request ->
            request
                .body()
                .onSuccess(
                    body -> {
                      MultiMap echoed = MultiMap.caseInsensitiveMultiMap();
                      request.headers().forEach(h -> echoed.add("x-echo-" + h.getKey(), h.getValue()));
                      request
                          .response()
                          .putHeader("content-type", "text/plain")
                          .headers()
                          .addAll(echoed);
                      request.response().end(request.method() + " " + request.uri() + "\n" + body);
                    }));
  }

  record Reply(int status, MultiMap headers, String body) {}

  Reply call(int port, String method, String path, Map<String, String> headers, String body)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setMethod(HttpMethod.valueOf(method))
            .setURI(path);
    headers.forEach(options::addHeader);
    return join(
        onContext(() -> client
            .request(options)
            .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
            .compose(
                response ->
                    response
                        .body()
                        .map(b -> new Reply(response.statusCode(), response.headers(), b.toString())))));
  }

  Reply get(int port, String path) throws Exception {
    return call(port, "GET", path, Map.of(), null);
  }
}
