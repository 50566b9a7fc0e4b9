package dev.sluice.bench;

import dev.sluice.runtime.ForwardRequestOptions;
import dev.sluice.runtime.GatewayOptions;
import dev.sluice.runtime.Pipeline;
import dev.sluice.runtime.PolicyGateway;
import dev.sluice.runtime.Route;
import dev.sluice.runtime.RoutingTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-event latency of Server-Sent Events through a proxy, for {@code benchmarks/load/run.sh}.
 *
 * <ul>
 *   <li>{@code backend PORT}: SSE server; {@code GET /events?n=N&interval=MS} sends N events, one
 *       every MS milliseconds, each carrying its send time in epoch microseconds.
 *   <li>{@code gateway PORT BACKEND_URL}: a Sluice gateway relaying everything unbuffered.
 *   <li>{@code client URL STREAMS EVENTS INTERVAL_MS LABEL}: opens STREAMS streams at once and prints
 *       latency percentiles (receive time minus send time) over all events.
 * </ul>
 *
 * All three run on one machine, so the wall clock is shared; everything binds 127.0.0.1.
 */
public final class SseLoad {
  private SseLoad() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "backend" -> backend(Integer.parseInt(args[1]));
      case "gateway" -> gateway(Integer.parseInt(args[1]), args[2]);
      case "client" ->
          System.exit(
              client(
                  URI.create(args[1]),
                  Integer.parseInt(args[2]),
                  Integer.parseInt(args[3]),
                  Integer.parseInt(args[4]),
                  args[5]));
      default -> {
        System.out.println(
            "usage: backend PORT | gateway PORT BACKEND_URL | client URL STREAMS EVENTS INTERVAL_MS LABEL");
        System.exit(2);
      }
    }
  }

  static long epochMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static void backend(int port) {
    Vertx vertx = Vertx.vertx();
    vertx
        .createHttpServer()
        .requestHandler(
            req -> {
              int events = Integer.parseInt(param(req.getParam("n"), "100"));
              long interval = Long.parseLong(param(req.getParam("interval"), "20"));
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              AtomicInteger sent = new AtomicInteger();
              long timer =
                  vertx.setPeriodic(
                      interval,
                      id -> {
                        resp.write("data: " + epochMicros() + "\n\n");
                        if (sent.incrementAndGet() >= events) {
                          vertx.cancelTimer(id);
                          resp.end();
                        }
                      });
              resp.closeHandler(v -> vertx.cancelTimer(timer));
            })
        .listen(port, "127.0.0.1")
        .onSuccess(s -> System.out.println("backend listening on " + s.actualPort()))
        .onFailure(err -> exit("backend failed: " + err.getMessage()));
  }

  private static String param(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static void gateway(int port, String backendUrl) {
    Vertx vertx = Vertx.vertx();
    Route route =
        new Route(
            "",
            "*",
            "/{*rest}",
            URI.create(backendUrl),
            Pipeline.forwarding(ForwardRequestOptions.streaming()));
    PolicyGateway gateway =
        PolicyGateway.create(
            vertx,
            GatewayOptions.builder().host("127.0.0.1").backendPoolSize(1024).build(),
            RoutingTable.of(List.of(route)));
    gateway
        .listen(port)
        .onSuccess(s -> System.out.println("gateway listening on " + s.actualPort()))
        .onFailure(err -> exit("gateway failed: " + err.getMessage()));
  }

  private static void exit(String message) {
    System.out.println(message);
    System.exit(1);
  }

  private static int client(URI url, int streams, int events, int intervalMs, String label)
      throws InterruptedException {
    Vertx vertx = Vertx.vertx();
    HttpClient client =
        vertx
            .httpClientBuilder()
            .with(new HttpClientOptions().setTcpNoDelay(true))
            .with(new PoolOptions().setHttp1MaxSize(streams))
            .build();
    long[][] latencies = new long[streams][];
    int[] counts = new int[streams];
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(streams);
    String path = url.getPath() + "?n=" + events + "&interval=" + intervalMs;
    for (int s = 0; s < streams; s++) {
      int stream = s;
      latencies[s] = new long[events];
      StringBuilder pending = new StringBuilder();
      client
          .request(HttpMethod.GET, url.getPort(), url.getHost(), path)
          .compose(req -> req.send())
          .compose(
              resp -> {
                resp.handler(
                    chunk -> {
                      long now = epochMicros();
                      pending.append(chunk.toString());
                      int end;
                      while ((end = pending.indexOf("\n\n")) >= 0) {
                        String event = pending.substring(0, end);
                        pending.delete(0, end + 2);
                        if (event.startsWith("data: ") && counts[stream] < events) {
                          latencies[stream][counts[stream]++] =
                              now - Long.parseLong(event.substring(6).trim());
                        }
                      }
                    });
                return resp.end();
              })
          .onComplete(
              ar -> {
                if (ar.failed() || counts[stream] != events) {
                  failures.incrementAndGet();
                }
                done.countDown();
              });
    }
    long budgetSeconds = 60 + (long) events * intervalMs / 1000 * 2;
    boolean finished = done.await(budgetSeconds, TimeUnit.SECONDS);
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
    vertx.close();
    if (all.length == 0) {
      System.out.printf("%-8s no events received (failures=%d)%n", label, failures.get());
      return 1;
    }
    System.out.printf(
        Locale.ROOT,
        "%-8s streams=%d events=%d  p50=%dus p90=%dus p99=%dus max=%dus  failed-streams=%d%s%n",
        label,
        streams,
        all.length,
        pct(all, 50),
        pct(all, 90),
        pct(all, 99),
        all[all.length - 1],
        failures.get(),
        finished ? "" : " (timed out)");
    return finished && failures.get() == 0 ? 0 : 1;
  }

  private static long pct(long[] sorted, int percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
