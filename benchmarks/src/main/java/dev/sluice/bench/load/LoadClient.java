package dev.sluice.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one target with event streams or plain requests, using a fresh Vert.x HTTP/1.1 client (and
 * so fresh connections) for every run. Every run is bounded by a time limit; when it passes,
 * connections still open are closed and their streams count as incomplete.
 *
 * <p>Threading: methods are called from any thread; the runs execute on {@code vertx}'s event loops
 * and report through futures. Latency is the receive time of the chunk holding an event minus the
 * send time the backend wrote into it, both {@link System#nanoTime()} of this JVM.
 */
final class LoadClient {
  private static final String HOST = "127.0.0.1";
  /** At most this many seconds of a streaming run are told apart in its per-second latency. */
  private static final long MAX_SECONDS = 600;

  private final Vertx vertx;
  private final BackendControl backend;

  LoadClient(Vertx vertx, BackendControl backend) {
    this.vertx = vertx;
    this.backend = backend;
  }

  /**
   * A proxy under test, or the backend itself, reachable on 127.0.0.1; connections are spread
   * round-robin over its ports (one per process when a proxy runs as several processes).
   */
  record Target(String name, List<Integer> ports) {
    Target {
      ports = List.copyOf(ports);
      if (ports.isEmpty()) {
        throw new IllegalArgumentException("a target needs a port");
      }
    }

    int port(int connection) {
      return ports.get(connection % ports.size());
    }
  }

  /** What one streaming run asks for. */
  record StreamPlan(
      int streams, long eventsPerStream, long intervalMs, long durationMs, int pad, int maxPendingOpens,
      boolean gated, Duration timeLimit, boolean latencyPerSecond) {}

  /** The outcome of one streaming run. */
  record StreamResult(
      int streams,
      long completed,
      long failed,
      long expectedEvents,
      long sent,
      long received,
      long outOfOrder,
      long parseErrors,
      LatencyHistogram latency,
      /** Empty unless the plan asked for it. */
      List<LatencyHistogram> latencyPerSecond,
      long elapsedNanos,
      long firstToLastEventNanos) {

    StreamResult {
      latencyPerSecond = List.copyOf(latencyPerSecond);
    }

    long lost() {
      return sent - received;
    }

    double eventsPerSecond() {
      return firstToLastEventNanos <= 0 ? 0 : received * 1e9 / firstToLastEventNanos;
    }
  }

  /** The outcome of one plain-request run. */
  record PlainResult(long ok, long failed, LatencyHistogram latency, long elapsedNanos) {
    double requestsPerSecond() {
      return elapsedNanos <= 0 ? 0 : ok * 1e9 / elapsedNanos;
    }
  }

  /**
   * A streaming run in progress. {@code allOpen} completes once every stream has its headers, and
   * fails as soon as one stream could not open (it never can then); {@code opened} counts the
   * streams open so far (readable from any thread); {@code stop} ends the run early, closing the
   * streams still open, and {@code done} then completes with what was received.
   */
  record StreamRun(Future<Void> allOpen, Future<StreamResult> done, IntSupplier opened, Runnable stop) {}

  StreamRun streams(Target target, StreamPlan plan) {
    return new StreamsTask(target, plan).start();
  }

  Future<PlainResult> plain(Target target, int connections, Duration duration, Duration timeLimit) {
    return new PlainTask(target, connections, duration, timeLimit).start();
  }

  private HttpClientAgent client(int connections) {
    HttpClientOptions options =
        new HttpClientOptions()
            .setKeepAlive(true)
            .setPipelining(false)
            .setConnectTimeout(10_000)
            .setIdleTimeout(0)
            .setMaxInitialLineLength(4096);
    PoolOptions pool = new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1);
    return vertx.createHttpClient(options, pool);
  }

  private final class StreamsTask {
    private final Target target;
    private final StreamPlan plan;
    private final HttpClientAgent client;
    private final Promise<Void> allOpen = Promise.promise();
    private final Promise<StreamResult> done = Promise.promise();
    private final LatencyHistogram latency = new LatencyHistogram();
    // The same values split by the second of the run they were received in (the last one also
    // takes anything later), to show when in a run the slow events fell.
    private final LatencyHistogram[] perSecond;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong parseErrors = new AtomicLong();
    private final AtomicLong lastEventNanos = new AtomicLong();
    private final String uri;
    // Touched only from the client context (the callbacks below run there).
    private int started;
    private int pending;
    // Written on the client context, read by the driver for its log.
    private volatile int open;
    private long completed;
    private long failed;
    private long sentBefore;
    private long startNanos;
    private long timer;
    private boolean finishing;

    StreamsTask(Target target, StreamPlan plan) {
      this.target = target;
      this.plan = plan;
      this.client = client(plan.streams());
      // Only runs that ask for it pay for the second histogram (the client is the instrument).
      this.perSecond =
          new LatencyHistogram[
              plan.latencyPerSecond() ? (int) Math.min(MAX_SECONDS, plan.timeLimit().toSeconds() + 1) : 0];
      for (int i = 0; i < perSecond.length; i++) {
        perSecond[i] = new LatencyHistogram();
      }
      this.uri =
          "/sse?events=" + plan.eventsPerStream() + "&interval=" + plan.intervalMs() + "&pad=" + plan.pad()
              + (plan.durationMs() > 0 ? "&duration=" + plan.durationMs() : "")
              + (plan.gated() ? "&gate=1" : "");
    }

    StreamRun start() {
      vertx.runOnContext(v -> backend.stats().onComplete(ar -> {
        if (ar.failed()) {
          allOpen.tryFail(ar.cause());
          done.fail(ar.cause());
          client.close();
          return;
        }
        sentBefore = ar.result().eventsSent();
        startNanos = System.nanoTime();
        timer = vertx.setTimer(plan.timeLimit().toMillis(), t -> finish());
        openMore();
      }));
      return new StreamRun(allOpen.future(), done.future(), () -> open, () -> vertx.runOnContext(v -> finish()));
    }

    private void openMore() {
      while (started < plan.streams() && pending < plan.maxPendingOpens() && !finishing) {
        pending++;
        openOne(started++);
      }
    }

    private void openOne(int index) {
      RequestOptions request =
          new RequestOptions().setMethod(HttpMethod.GET).setHost(HOST).setPort(target.port(index)).setURI(uri);
      client
          .request(request)
          .compose(req -> req.send())
          .onComplete(ar -> {
            pending--;
            if (ar.succeeded() && ar.result().statusCode() == 200) {
              consume(ar.result());
              open++;
              if (open == plan.streams()) {
                allOpen.tryComplete();
              }
            } else {
              if (ar.succeeded()) {
                ar.result().request().reset();
              }
              allOpen.tryFail(
                  "stream " + (index + 1) + " did not open: "
                      + (ar.succeeded() ? "status " + ar.result().statusCode() : String.valueOf(ar.cause())));
              streamEnded(false);
            }
            openMore();
          });
    }

    private void consume(HttpClientResponse response) {
      // [0] next expected id, [1] receive time of the chunk being parsed, [2] 1 once ended.
      long[] state = {1, 0, 0};
      SseEventParser parser =
          new SseEventParser(event -> {
            long now = state[1];
            String data = event.data();
            int space = data.indexOf(' ');
            try {
              long sentAt = Long.parseLong(space < 0 ? data : data.substring(0, space));
              latency.record(now - sentAt);
              if (perSecond.length > 0) {
                int second = (int) Math.min(perSecond.length - 1, (now - startNanos) / 1_000_000_000L);
                perSecond[second].record(now - sentAt);
              }
              if (!event.id().equals(Long.toString(state[0]))) {
                outOfOrder.incrementAndGet();
              }
              state[0]++;
              received.incrementAndGet();
            } catch (NumberFormatException e) {
              parseErrors.incrementAndGet();
            }
          });
      response.handler(chunk -> {
        state[1] = System.nanoTime();
        lastEventNanos.set(state[1]);
        parser.feed(chunk);
      });
      response.exceptionHandler(e -> {
        if (state[2] == 0) {
          state[2] = 1;
          streamEnded(false);
        }
      });
      response.endHandler(v -> {
        parseErrors.addAndGet(parser.errors());
        if (state[2] == 0) {
          state[2] = 1;
          streamEnded(true);
        }
      });
    }

    private void streamEnded(boolean ok) {
      if (ok) {
        completed++;
      } else {
        failed++;
      }
      if (completed + failed >= plan.streams()) {
        finish();
      }
    }

    private void finish() {
      if (finishing) {
        return;
      }
      vertx.cancelTimer(timer);
      long elapsed = System.nanoTime() - startNanos;
      long last = lastEventNanos.get();
      allOpen.tryFail("not every stream opened");
      finishing = true;
      // Closing the client ends streams still open, so the backend stops sending before counting.
      client.close().compose(v -> backend.stats()).onComplete(ar -> {
        long sent = ar.succeeded() ? ar.result().eventsSent() - sentBefore : -1;
        done.complete(result(sent, elapsed, last));
      });
    }

    private StreamResult result(long sent, long elapsed, long last) {
      return
          new StreamResult(
              plan.streams(),
              completed,
              plan.streams() - completed,
              plan.eventsPerStream() * plan.streams(),
              sent,
              received.get(),
              outOfOrder.get(),
              parseErrors.get(),
              latency,
              List.of(perSecond),
              elapsed,
              last == 0 ? 0 : last - startNanos);
    }
  }

  private final class PlainTask {
    private final Target target;
    private final int connections;
    private final long durationNanos;
    private final Duration timeLimit;
    private final HttpClientAgent client;
    private final Promise<PlainResult> done = Promise.promise();
    private final LatencyHistogram latency = new LatencyHistogram();
    private long ok;
    private long failed;
    private int loopsDone;
    private long startNanos;
    private long lastNanos;
    private long timer;

    PlainTask(Target target, int connections, Duration duration, Duration timeLimit) {
      this.target = target;
      this.connections = connections;
      this.durationNanos = duration.toNanos();
      this.timeLimit = timeLimit;
      this.client = client(connections);
    }

    Future<PlainResult> start() {
      vertx.runOnContext(v -> {
        startNanos = System.nanoTime();
        timer = vertx.setTimer(timeLimit.toMillis(), t -> finish());
        for (int i = 0; i < connections; i++) {
          next(new RequestOptions().setMethod(HttpMethod.GET).setHost(HOST).setPort(target.port(i)).setURI("/plain"));
        }
      });
      return done.future();
    }

    private void next(RequestOptions request) {
      if (done.future().isComplete()) {
        return;
      }
      if (System.nanoTime() - startNanos >= durationNanos) {
        if (++loopsDone == connections) {
          finish();
        }
        return;
      }
      long begin = System.nanoTime();
      client
          .request(request)
          .compose(req -> req.send())
          .compose(resp -> resp.body().map(body -> resp.statusCode()))
          .onComplete(ar -> {
            long end = System.nanoTime();
            if (ar.succeeded() && ar.result() == 200) {
              ok++;
              latency.record(end - begin);
              lastNanos = end;
            } else {
              failed++;
            }
            next(request);
          });
    }

    private void finish() {
      if (done.future().isComplete()) {
        return;
      }
      vertx.cancelTimer(timer);
      long elapsed = (lastNanos == 0 ? System.nanoTime() : lastNanos) - startNanos;
      PlainResult result = new PlainResult(ok, failed, latency, elapsed);
      client.close().onComplete(ar -> done.complete(result));
    }
  }
}
