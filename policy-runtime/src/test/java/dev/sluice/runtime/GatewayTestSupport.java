package dev.sluice.runtime;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Real servers on 127.0.0.1, port 0; every wait is bounded. */
abstract class GatewayTestSupport {
  static final long WAIT_SECONDS = 15;

  Vertx vertx;
  HttpClient client;
  final List<PolicyGateway> gateways = new ArrayList<>();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stopVertx() throws Exception {
    for (PolicyGateway gateway : gateways) {
      join(gateway.close());
    }
    join(vertx.close());
  }

  static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Runs a client call on a Vert.x context. Vert.x drops response chunks that arrive before a
   * handler is set, so the callbacks a test chains onto a request must be in place before any
   * response event is delivered: chained from the test thread, a slow (descheduled) test thread
   * can lose that race, while on the context the events wait for the chaining task to finish.
   */
  <T> Future<T> onContext(Supplier<Future<T>> call) {
    Promise<T> promise = Promise.promise();
    vertx.runOnContext(v -> call.get().onComplete(promise));
    return promise.future();
  }

  HttpServer backend(Handler<HttpServerRequest> handler) throws Exception {
    return join(vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1"));
  }

  static URI url(HttpServer server) {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  static Route route(HttpServer backend, Pipeline pipeline) {
    return new Route("/api", "*", "/{*rest}", url(backend), pipeline);
  }

  int gateway(GatewayOptions options, Route... routes) throws Exception {
    return gateway(options, RoutingTable.of(List.of(routes))).port;
  }

  Started gateway(GatewayOptions options, RoutingTable routes) throws Exception {
    PolicyGateway gateway = PolicyGateway.create(vertx, options, routes);
    gateways.add(gateway);
    HttpServer server = join(gateway.listen(0));
    return new Started(gateway, server.actualPort());
  }

  record Started(PolicyGateway gateway, int port) {}

  /** Writes raw bytes and reads until the peer closes or {@code timeoutMillis} of silence. */
  static String raw(int port, String request, int timeoutMillis) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(timeoutMillis);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        out.write("<<timeout>>".getBytes(StandardCharsets.ISO_8859_1));
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
