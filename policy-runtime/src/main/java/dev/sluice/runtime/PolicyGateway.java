package dev.sluice.runtime;

import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/**
 * An embeddable streaming gateway: routes each request to an operation's {@link Pipeline}, runs it,
 * and relays the backend's response.
 *
 * <p>Use it as the request handler of your own {@link HttpServer}, or let {@link #listen(int)} start
 * one with the limits of {@link GatewayOptions} (header size and count, header deadline, idle
 * timeout, strict request framing).
 *
 * <p>Threading: every exchange runs on the event loop that received it and never blocks it. {@link
 * #reload} may be called from any thread.
 *
 * <p>Buffering: a response is buffered only when its {@code forward-request} says so, and then
 * within {@link GatewayOptions#maxBufferedResponseBytes()}; otherwise each chunk is written the
 * moment it arrives, with backpressure from the client to the backend. An event stream never gets a
 * Content-Length.
 *
 * <p>Failures: every failed exchange gets a status and a small JSON body {@code {"status", "key",
 * "message"}} with a stable key (404 {@code route_not_found}, 502 {@code backend_unreachable}, 504
 * {@code backend_timeout}, ...), unless the pipeline's on-error section decides otherwise. After the
 * response headers have been sent, a failure can only be signalled by resetting the client's
 * connection, which is what happens.
 */
public interface PolicyGateway extends Handler<HttpServerRequest> {

  /** A gateway with no routes yet: every request gets 404 until {@link #reload}. */
  static PolicyGateway create(Vertx vertx, GatewayOptions options) {
    return create(vertx, options, RoutingTable.empty());
  }

  /** A gateway serving the given routes; it shares {@code vertx} and owns one backend client. */
  static PolicyGateway create(Vertx vertx, GatewayOptions options, RoutingTable routes) {
    return new DefaultPolicyGateway(vertx, options, routes);
  }

  /**
   * A gateway serving a descriptor, an APIOps extract or policy files (see {@link GatewayRoutes}).
   * Reads files: call it off the event loop. No gateway when there is an error.
   */
  static LoadResult<PolicyGateway> load(
      Vertx vertx, GatewayOptions options, CompilerOptions compilerOptions, Path path) {
    LoadResult<RoutingTable> routes = GatewayRoutes.load(path, compilerOptions);
    return new LoadResult<>(
        routes.value().map(table -> create(vertx, options, table)), routes.diagnostics());
  }

  /** A gateway serving every operation of {@code gateway}; no gateway when there is an error. */
  static LoadResult<PolicyGateway> load(
      Vertx vertx, GatewayOptions options, CompilerOptions compilerOptions, Gateway gateway) {
    LoadResult<RoutingTable> routes = GatewayRoutes.compile(gateway, compilerOptions);
    return new LoadResult<>(
        routes.value().map(table -> create(vertx, options, table)), routes.diagnostics());
  }

  /** Handles one request; call it on the request's event loop (Vert.x does). */
  @Override
  void handle(HttpServerRequest request);

  /** Starts an HTTP server on {@link GatewayOptions#host()} and the port (0: any free port). */
  Future<HttpServer> listen(int port);

  /**
   * Atomically replaces the routing table: requests that arrive afterwards use the new pipelines;
   * exchanges in flight, including open streams, finish on the old ones.
   */
  void reload(RoutingTable routes);

  /** The routing table in use now. */
  RoutingTable routes();

  /** Closes the servers started by {@link #listen} and the backend client. */
  Future<Void> close();
}
