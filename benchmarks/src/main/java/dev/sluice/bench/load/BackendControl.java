package dev.sluice.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The driver's handle on the {@link LoadBackend} process, through its control paths. Thread-safe;
 * results arrive on the calling context.
 */
final class BackendControl {
  /** Counters of the backend at one moment. */
  record Stats(long eventsSent, long openStreams) {}

  private final HttpClientAgent http;
  private final int port;

  BackendControl(Vertx vertx, int port) {
    // A fresh connection per call: a pooled control connection could sit idle for minutes between
    // calls and race its own expiry, leaving a call hanging.
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    this.port = port;
  }

  Future<Stats> stats() {
    return call(HttpMethod.GET, "/__stats").map(body -> {
      String[] parts = body.trim().split(" ");
      return new Stats(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    });
  }

  /** Closes ({@code false}) or opens the gate that {@code gate=1} streams wait at. */
  Future<Void> gate(boolean open) {
    return call(HttpMethod.POST, "/__gate?open=" + (open ? 1 : 0)).mapEmpty();
  }

  /** The backend's {@link System#nanoTime()}. */
  Future<Long> clock() {
    return call(HttpMethod.GET, "/__clock").map(body -> Long.parseLong(body.trim()));
  }

  Future<Void> close() {
    return http.close();
  }

  private Future<String> call(HttpMethod method, String uri) {
    RequestOptions request =
        new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri).setTimeout(5_000);
    return http
        .request(request)
        .compose(r -> r.send())
        .compose(r -> r.statusCode() == 200
            ? r.body().map(b -> b.toString())
            : Future.failedFuture("backend control " + uri + " answered " + r.statusCode()));
  }
}
