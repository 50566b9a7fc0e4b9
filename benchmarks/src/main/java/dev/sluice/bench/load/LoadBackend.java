package dev.sluice.bench.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backend every target relays: an HTTP/1.1 server on 127.0.0.1.
 *
 * <ul>
 *   <li>{@code GET /sse?events=N&interval=MS&pad=BYTES&duration=MS} answers {@code
 *       text/event-stream} and sends up to N events, one every MS milliseconds, each {@code id: SEQ}
 *       and {@code data: NANOS PADDING} where NANOS is {@link System#nanoTime()} taken just before
 *       the write. With {@code interval=0} it sends as fast as the connection drains (respecting
 *       backpressure) until N events or {@code duration} ms, then ends the response.
 *   <li>{@code gate=1} holds a timed stream (after its headers) until {@link #openGate()}, then
 *       starts it at a random phase within one interval, so that many streams can be opened first
 *       and then all be live at once, without sending in lockstep.
 *   <li>{@code GET /plain} answers a small {@code text/plain} body.
 *   <li>Control, for the driver: {@code GET /__stats} answers {@code EVENTS_SENT OPEN_STREAMS};
 *       {@code POST /__gate?open=0|1} closes or opens the gate; {@code GET /__clock} answers this
 *       JVM's {@link System#nanoTime()}.
 * </ul>
 *
 * <p>It listens on several ports, all serving the same paths and sharing the counters and the gate:
 * the driver gives each target its own backend port (and one for control calls). A closed
 * connection holds its local port in TIME_WAIT for 60 s, but only against its own destination port,
 * so three back-to-back runs of 10,000 connections, each to its own port, do not compete for the
 * machine's local ports the way they would towards one port.
 *
 * <p>It runs in its own JVM ({@link #main}), because with 10,000 streams the backend and the load
 * client each need 10,000 sockets and a process may not hold 20,000 here. Send timestamps still
 * compare with the client's receive times: on Linux {@code nanoTime} reads the system-wide
 * monotonic clock, and the driver checks this through {@code /__clock} before it measures.
 * {@link #eventsSent()} counts every event handed to a connection; the driver compares it with what
 * the client received to count lost events.
 */
public final class LoadBackend {
  private static final int FLOOD_BATCH = 64;
  private static final Buffer PLAIN_BODY = Buffer.buffer("hello from the load backend\n");

  private final Vertx vertx;
  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong openStreams = new AtomicLong();
  private final Set<EventStream> gated = ConcurrentHashMap.newKeySet();
  private volatile boolean gateOpen = true;
  private final List<HttpServer> servers = new ArrayList<>();

  LoadBackend(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Listens on each port (0 picks a free one); completes with the actual ports, in order. */
  Future<List<Integer>> listen(List<Integer> ports) {
    List<Future<Integer>> bound = new ArrayList<>();
    for (int port : ports) {
      HttpServerOptions options =
          new HttpServerOptions().setHost("127.0.0.1").setPort(port).setAcceptBacklog(8192).setIdleTimeout(0);
      bound.add(
          vertx
              .createHttpServer(options)
              .requestHandler(this::handle)
              .listen()
              .map(s -> {
                synchronized (servers) {
                  servers.add(s);
                }
                return s.actualPort();
              }));
    }
    return Future.all(bound).map(all -> bound.stream().map(Future::result).toList());
  }

  Future<Void> close() {
    List<Future<Void>> closed;
    synchronized (servers) {
      closed = servers.stream().map(HttpServer::close).toList();
    }
    return Future.all(closed).mapEmpty();
  }

  long eventsSent() {
    return eventsSent.get();
  }

  long openStreams() {
    return openStreams.get();
  }

  /** From now on, streams asking for {@code gate=1} wait for {@link #openGate()}. */
  void closeGate() {
    gateOpen = false;
  }

  /** Starts every stream waiting at the gate, and lets later ones start at once. */
  void openGate() {
    gateOpen = true;
    for (EventStream stream : gated) {
      if (gated.remove(stream)) {
        stream.context.runOnContext(v -> stream.startTimed());
      }
    }
  }

  /**
   * Runs the backend: {@code --ports P,P,... [--max-seconds S]}, all on one event loop; it stops by
   * itself after S seconds (default 1800) so a forgotten backend cannot outlive the benchmark for
   * long.
   */
  public static void main(String[] args) throws Exception {
    List<Integer> ports = List.of(0);
    long maxSeconds = 1800;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--ports" -> ports = Arrays.stream(args[i + 1].split(",")).map(p -> Integer.parseInt(p.trim())).toList();
        case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
    LoadBackend backend = new LoadBackend(vertx);
    List<Integer> actual = backend.listen(ports).toCompletionStage().toCompletableFuture().get();
    System.out.println("load backend listening on 127.0.0.1, ports " + actual);
    vertx.setTimer(maxSeconds * 1000, id -> vertx.close().onComplete(ar -> System.exit(0)));
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (path.startsWith("/__")) {
      control(request, path);
    } else if (path.equals("/plain")) {
      request
          .response()
          .putHeader("content-type", "text/plain")
          .putHeader("x-backend-saw", String.valueOf(request.headers().contains("x-bench-pipeline")))
          .end(PLAIN_BODY);
    } else if (path.equals("/sse")) {
      stream(request);
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private void control(HttpServerRequest request, String path) {
    HttpServerResponse response = request.response().putHeader("content-type", "text/plain");
    switch (path) {
      case "/__stats" -> response.end(eventsSent.get() + " " + openStreams.get());
      case "/__clock" -> response.end(Long.toString(System.nanoTime()));
      case "/__gate" -> {
        if ("1".equals(request.getParam("open"))) {
          openGate();
        } else {
          closeGate();
        }
        response.end("ok");
      }
      default -> response.setStatusCode(404).end();
    }
  }

  private void stream(HttpServerRequest request) {
    long events = longParam(request, "events", 10);
    long interval = longParam(request, "interval", 10);
    long durationMs = longParam(request, "duration", 0);
    int pad = (int) Math.min(4096, longParam(request, "pad", 64));
    HttpServerResponse response = request.response();
    response
        .setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    response.writeHead();
    openStreams.incrementAndGet();
    EventStream stream = new EventStream(response, events, interval, pad, durationMs);
    response.closeHandler(v -> stream.stop());
    if (interval == 0) {
      stream.flood();
    } else if ("1".equals(request.getParam("gate"))) {
      gated.add(stream);
      // Claimed by whoever removes it first: this check, or openGate().
      if (gateOpen && gated.remove(stream)) {
        stream.startTimed();
      }
    } else {
      stream.timer = vertx.setPeriodic(interval, id -> stream.sendOne());
    }
  }

  private static long longParam(HttpServerRequest request, String name, long fallback) {
    String value = request.getParam(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Math.max(0, Long.parseLong(value));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** One open event stream; confined to the event loop of its request. */
  private final class EventStream {
    private final Context context = Vertx.currentContext();
    private final HttpServerResponse response;
    private final long events;
    private final long interval;
    private final String padding;
    private final long deadline;
    private long seq;
    private long timer = -1;
    private boolean stopped;

    EventStream(HttpServerResponse response, long events, long interval, int pad, long durationMs) {
      this.response = response;
      this.events = events;
      this.interval = interval;
      this.padding = "x".repeat(pad);
      this.deadline = durationMs > 0 ? System.nanoTime() + durationMs * 1_000_000 : Long.MAX_VALUE;
    }

    void startTimed() {
      if (stopped) {
        return;
      }
      long phase = 1 + ThreadLocalRandom.current().nextLong(interval);
      timer = vertx.setTimer(phase, first -> {
        if (!stopped) {
          timer = vertx.setPeriodic(interval, id -> sendOne());
          sendOne();
        }
      });
    }

    void sendOne() {
      if (stopped) {
        return;
      }
      if (seq >= events || System.nanoTime() >= deadline) {
        finish();
        return;
      }
      write();
      if (seq >= events) {
        finish();
      }
    }

    void flood() {
      int batch = 0;
      while (!stopped && batch < FLOOD_BATCH) {
        if (seq >= events || System.nanoTime() >= deadline) {
          finish();
          return;
        }
        if (response.writeQueueFull()) {
          response.drainHandler(v -> flood());
          return;
        }
        write();
        batch++;
      }
      if (!stopped) {
        // Yield the event loop between batches so other connections get their turn.
        vertx.runOnContext(v -> flood());
      }
    }

    private void write() {
      seq++;
      String event = "id: " + seq + "\ndata: " + System.nanoTime() + " " + padding + "\n\n";
      response.write(Buffer.buffer(event));
      eventsSent.incrementAndGet();
    }

    private void finish() {
      if (!stopped) {
        stop();
        response.end();
      }
    }

    void stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      gated.remove(this);
      openStreams.decrementAndGet();
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
  }
}
