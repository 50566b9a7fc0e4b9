package dev.sluice.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures what setting streams up costs a running benchmark gateway: it opens bursts of streams
 * that carry one event each (all of a burst at once, as a latency round opens its streams) and,
 * for each burst, prints the event-loop CPU time and allocation the gateway reports on its admin
 * port ({@code GET /threads}, see {@link SluiceLoadGateway}) and the p99 latency of the one event.
 * Run over hundreds of bursts it shows the set-up path getting compiled.
 *
 * <p>Arguments: {@code BACKEND_CONTROL_PORT GATEWAY_PORT ADMIN_PORT BURSTS STREAMS}, all on
 * 127.0.0.1, against processes started by hand (see {@code benchmarks/load/README.md}). Every
 * wait is bounded.
 */
public final class StreamSetupProbe {
  private static final Duration STEP_LIMIT = Duration.ofSeconds(30);

  private StreamSetupProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      // Arguments are checked as LoadBenchmark checks its own: a usage error is an exception.
      throw new IllegalArgumentException(
          "expected 5 arguments, got " + args.length
              + ": BACKEND_CONTROL_PORT GATEWAY_PORT ADMIN_PORT BURSTS STREAMS");
    }
    int controlPort = Integer.parseInt(args[0]);
    int gatewayPort = Integer.parseInt(args[1]);
    int adminPort = Integer.parseInt(args[2]);
    int bursts = Integer.parseInt(args[3]);
    int streams = Integer.parseInt(args[4]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      LoadClient client = new LoadClient(vertx, new BackendControl(vertx, controlPort));
      HttpClient admin = vertx.createHttpClient();
      LoadClient.Target gateway = new LoadClient.Target("gateway", List.of(gatewayPort));
      for (int burst = 1; burst <= bursts; burst++) {
        long[] before = threadTotals(admin, adminPort);
        LoadClient.StreamPlan plan =
            new LoadClient.StreamPlan(streams, 1, 10, 0, 64, streams, false, STEP_LIMIT, false);
        LoadClient.StreamResult result = await(client.streams(gateway, plan).done());
        long[] after = threadTotals(admin, adminPort);
        System.out.printf(Locale.ROOT,
            "burst %d: %d streams, event loop %.1f ms CPU and %d KiB allocated (%.0f µs and %.1f KiB per stream),"
                + " event p99 %.1f ms, received %d%n",
            burst, streams, (after[1] - before[1]) / 1e6, (after[0] - before[0]) / 1024,
            (after[1] - before[1]) / 1e3 / streams, (after[0] - before[0]) / 1024.0 / streams,
            result.latency().percentile(99) / 1e6, result.received());
      }
    } finally {
      vertx.close();
    }
  }

  /** The gateway's event-loop totals so far: {bytes allocated, CPU nanoseconds}. */
  private static long[] threadTotals(HttpClient admin, int port) throws Exception {
    String body =
        await(admin.request(HttpMethod.GET, port, "127.0.0.1", "/threads")
            .compose(request -> request.send())
            .compose(HttpClientResponse::body)
            .map(Buffer::toString));
    String[] parts = body.trim().split(" ");
    return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(STEP_LIMIT.toSeconds() + 10, TimeUnit.SECONDS);
  }
}
