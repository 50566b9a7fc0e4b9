package dev.sluice.runtime;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

final class DefaultPolicyGateway implements PolicyGateway {
  private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
  private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
  private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");

  private final Vertx vertx;
  private final GatewayOptions options;
  private final HttpClientAgent client;
  private final GatewayEnv env;
  private final AtomicReference<RoutingTable> routes;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private final List<String> deployments = new CopyOnWriteArrayList<>();
  /**
   * Connections still waiting for their first request's headers, with their deadline timer; used
   * only where {@link GuardedRequestDecoder} could not be installed (it guards every request).
   */
  private final Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();

  DefaultPolicyGateway(Vertx vertx, GatewayOptions options, RoutingTable routes) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.options = Objects.requireNonNull(options, "options");
    this.routes = new AtomicReference<>(Objects.requireNonNull(routes, "routes"));
    HttpClientOptions clientOptions =
        new HttpClientOptions()
            .setTcpNoDelay(true)
            .setKeepAlive(true)
            .setKeepAliveTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, options.backendKeepAlive().toSeconds())))
            .setDecompressionSupported(false)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.backendConnectTimeout().toMillis()))
            .setMaxHeaderSize(Math.max(options.maxHeaderSize(), 16 * 1024));
    PoolOptions poolOptions =
        new PoolOptions()
            .setHttp1MaxSize(options.backendPoolSize())
            .setHttp2MaxSize(options.backendPoolSize())
            .setMaxWaitQueueSize(options.backendWaitQueueSize());
    this.client = vertx.httpClientBuilder().with(clientOptions).with(poolOptions).build();
    this.env = new GatewayEnv(vertx, client, options);
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.pause();
    if (!awaitingHeaders.isEmpty()) {
      Long deadline = awaitingHeaders.remove(request.connection());
      if (deadline != null) {
        vertx.cancelTimer(deadline);
      }
    }
    MultiMap raw = request.headers();
    if (raw.size() > options.maxHeaderCount()) {
      reject(request, 431, "too_many_headers",
          "The request has more than " + options.maxHeaderCount() + " header fields", true);
      return;
    }
    String contentLength = raw.get(HttpHeaderNames.CONTENT_LENGTH);
    boolean transferEncoding = raw.contains(HttpHeaderNames.TRANSFER_ENCODING);
    if (contentLength != null && transferEncoding) {
      reject(request, 400, "ambiguous_framing",
          "The request has both Content-Length and Transfer-Encoding", true);
      return;
    }
    String path = request.path();
    if (path == null || !path.startsWith("/")) {
      reject(request, 400, "bad_request", "The request target must be an absolute path", false);
      return;
    }
    String method = request.method().name();
    Optional<RoutingTable.RouteMatch> match;
    try {
      match = routes.get().match(method, path, request.query());
    } catch (IllegalArgumentException e) {
      reject(request, 400, "bad_request", "The request path is malformed: " + e.getMessage(), false);
      return;
    }
    if (match.isEmpty()) {
      reject(request, 404, "route_not_found", "No operation matches " + method + " " + path, false);
      return;
    }
    RoutingTable.RouteMatch found = match.get();
    boolean hasBody =
        contentLength != null
            ? !contentLength.trim().equals("0")
            : transferEncoding || (request.version() == HttpVersion.HTTP_2 && !request.isEnded());
    PolicyContext context =
        new PolicyContext(
            env,
            request,
            found.route(),
            found.parameters(),
            found.target(),
            forwardedHeaders(request),
            new PolicyContext.ClientBody(hasBody, contentLength));
    request.response().closeHandler(v -> {
      context.clientGone();
      context.ended();
    });
    request.response().endHandler(v -> context.ended());
    new PipelineRun(context, found.route().pipeline()).run();
  }

  /**
   * The request's headers become the forwarded ones in place, not copied: hop-by-hop fields out,
   * this hop's X-Forwarded-For, -Proto and -Host appended. Vert.x has already taken what it needs
   * from them (framing, keep-alive), and the client body's framing is kept in the context.
   */
  private static MultiMap forwardedHeaders(HttpServerRequest request) {
    MultiMap headers = request.headers();
    HttpHygiene.strip(headers);
    SocketAddress remote = request.remoteAddress();
    if (remote != null && remote.hostAddress() != null) {
      HttpHygiene.appendToList(headers, X_FORWARDED_FOR, remote.hostAddress());
    }
    HttpHygiene.appendToList(headers, X_FORWARDED_PROTO, request.scheme() == null ? "http" : request.scheme());
    HostAndPort authority = request.authority();
    if (authority != null) {
      String host = authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
      HttpHygiene.appendToList(headers, X_FORWARDED_HOST, host);
    }
    return headers;
  }

  private static void reject(
      HttpServerRequest request, int status, String key, String message, boolean close) {
    HttpServerResponse out = request.response();
    out.setStatusCode(status).putHeader("content-type", "application/json");
    if (close) {
      out.putHeader("connection", "close");
    }
    request.resume();
    out.end(ErrorResponses.body(status, key, message))
        .onComplete(
            ar -> {
              if (close) {
                request.connection().close();
              }
            });
  }

  @Override
  public Future<HttpServer> listen(int port) {
    if (options.listenerInstances() == 1) {
      return startServer(serverOptions(port));
    }
    // One server per event loop: each deployed instance runs on its own event-loop context, and
    // servers on the same port share the socket, Vert.x spreading connections over them. For "any
    // free port" Vert.x shares a random port among servers asking for the same negative port.
    AtomicReference<HttpServer> first = new AtomicReference<>();
    return deployListeners(serverOptions(port == 0 ? -1 : port), options.listenerInstances(), first)
        .compose(
            v -> {
              int actual = first.get().actualPort();
              if (servers.stream().anyMatch(server -> server.actualPort() != actual)) {
                return Future.failedFuture(
                    new IllegalStateException("the listener instances did not share one port"));
              }
              return Future.succeededFuture(first.get());
            });
  }

  private Future<Void> deployListeners(
      HttpServerOptions serverOptions, int instances, AtomicReference<HttpServer> first) {
    return vertx
        .deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    return startServer(serverOptions)
                        .onSuccess(server -> first.compareAndSet(null, server));
                  }
                },
            new DeploymentOptions().setInstances(instances))
        .onSuccess(deployments::add)
        .mapEmpty();
  }

  private HttpServerOptions serverOptions(int port) {
    return new HttpServerOptions()
        .setHost(options.host())
        .setPort(port)
        .setTcpNoDelay(true)
        .setAcceptBacklog(options.acceptBacklog())
        // Cleartext HTTP/2 upgrade detection delays the connection handler until the first
        // bytes are read, after the request decoder has started; HTTP/1.1 only on cleartext.
        .setHttp2ClearTextEnabled(false)
        // WebSocket upgrades are not proxied (Upgrade is hop-by-hop): no extension handler.
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setMaxHeaderSize(options.maxHeaderSize())
        .setMaxInitialLineLength(options.maxInitialLineLength())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, options.connectionIdleTimeout().toMillis()))
        .setCompressionSupported(options.compression());
  }

  private Future<HttpServer> startServer(HttpServerOptions serverOptions) {
    HttpServer server =
        vertx
            .createHttpServer(serverOptions)
            .connectionHandler(connection -> onConnection(connection, serverOptions))
            .requestHandler(this);
    return server.listen().onSuccess(servers::add);
  }

  private void onConnection(HttpConnection connection, HttpServerOptions serverOptions) {
    long headerTimeout = options.headerReadTimeout().toMillis();
    if (GuardedRequestDecoder.install(connection, serverOptions, headerTimeout)) {
      return;
    }
    long timer =
        vertx.setTimer(
            headerTimeout,
            id -> {
              if (awaitingHeaders.remove(connection) != null) {
                connection.close();
              }
            });
    awaitingHeaders.put(connection, timer);
    connection.closeHandler(
        v -> {
          Long pending = awaitingHeaders.remove(connection);
          if (pending != null) {
            vertx.cancelTimer(pending);
          }
        });
  }

  /** The actual ports of the servers {@link #listen} started, one per listener instance. */
  List<Integer> listeningPorts() {
    return servers.stream().map(HttpServer::actualPort).toList();
  }

  @Override
  public void reload(RoutingTable table) {
    routes.set(Objects.requireNonNull(table, "routes"));
  }

  @Override
  public RoutingTable routes() {
    return routes.get();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (String id : deployments) {
      closing.add(vertx.undeploy(id));
    }
    deployments.clear();
    for (HttpServer server : servers) {
      closing.add(server.close());
    }
    servers.clear();
    closing.add(client.close());
    return Future.all(closing).mapEmpty();
  }
}
