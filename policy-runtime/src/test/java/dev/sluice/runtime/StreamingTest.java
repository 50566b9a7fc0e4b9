package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Section;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StreamingTest extends GatewayTestSupport {

  private static final GatewayOptions OPTIONS = GatewayOptions.defaults();

  /** A client that reads an event stream and reports each time the text so far changes. */
  private Future<String> readStream(
      int port, String path, java.util.function.Consumer<String> onProgress) {
    StringBuilder text = new StringBuilder();
    return onContext(() -> client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(req -> req.send())
        .compose(
            resp -> {
              resp.handler(
                  chunk -> {
                    text.append(chunk.toString());
                    onProgress.accept(text.toString());
                  });
              return resp.end().map(v -> text.toString());
            }));
  }

  @Test
  void streams_first_event_before_backend_sends_second() throws Exception {
    CompletableFuture<Void> clientSawFirst = new CompletableFuture<>();
    HttpServer backend =
        backend(
            req -> {
              Context context = vertx.getOrCreateContext();
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              resp.write("data: 1\n\n");
              // Event 2 exists only once the client has seen event 1: a buffering hop deadlocks.
              clientSawFirst.thenRun(
                  () -> context.runOnContext(v -> resp.end("data: 2\n\n")));
            });
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    AtomicReference<HttpClientResponse> head = new AtomicReference<>();
    StringBuilder text = new StringBuilder();
    Future<String> body =
        onContext(() -> client
            .request(HttpMethod.GET, port, "127.0.0.1", "/api/events")
            .compose(req -> req.send())
            .compose(
                resp -> {
                  head.set(resp);
                  resp.handler(
                      chunk -> {
                        text.append(chunk.toString());
                        if (text.toString().contains("data: 1\n\n")) {
                          clientSawFirst.complete(null);
                        }
                      });
                  return resp.end().map(v -> text.toString());
                }));

    assertThat(join(body)).isEqualTo("data: 1\n\ndata: 2\n\n");
    HttpClientResponse resp = head.get();
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(resp.getHeader("content-length")).isNull();
    assertThat(resp.getHeader("cache-control")).isEqualTo("no-cache");
    assertThat(resp.getHeader("x-accel-buffering")).isEqualTo("no");
  }

  @Test
  void stream_headers_reach_the_client_before_the_first_event() throws Exception {
    CompletableFuture<Void> clientSawHeaders = new CompletableFuture<>();
    HttpServer backend =
        backend(
            req -> {
              Context context = vertx.getOrCreateContext();
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream").writeHead();
              // The first event exists only once the client has the headers: a gateway that holds
              // the headers back until the first chunk deadlocks here.
              clientSawHeaders.thenRun(() -> context.runOnContext(v -> resp.end("data: 1\n\n")));
            });
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));

    Future<String> body =
        onContext(() -> client
            .request(HttpMethod.GET, port, "127.0.0.1", "/api/events")
            .compose(req -> req.send())
            .compose(
                resp -> {
                  clientSawHeaders.complete(null);
                  return resp.body().map(Buffer::toString);
                }));

    assertThat(join(body)).isEqualTo("data: 1\n\n");
  }

  @Test
  void buffered_response_is_sent_whole_with_its_length() throws Exception {
    HttpServer backend =
        backend(
            req -> {
              HttpServerResponse resp = req.response().setChunked(true);
              resp.write("x".repeat(600));
              resp.end("y".repeat(300));
            });
    int port =
        gateway(
            OPTIONS.toBuilder().maxBufferedResponseBytes(900).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String reply =
        join(
            onContext(() -> client
                .request(HttpMethod.GET, port, "127.0.0.1", "/api/x")
                .compose(req -> req.send())
                .compose(
                    resp ->
                        resp.body()
                            .map(b -> resp.statusCode() + " " + resp.getHeader("content-length") + " " + b))));
    assertThat(reply).isEqualTo("200 900 " + "x".repeat(600) + "y".repeat(300));
  }

  @Test
  void buffered_response_over_the_cap_fails_with_502_not_truncation() throws Exception {
    HttpServer backend =
        backend(
            req -> {
              HttpServerResponse resp = req.response().setChunked(true);
              resp.write("x".repeat(600));
              resp.end("y".repeat(301));
            });
    int port =
        gateway(
            OPTIONS.toBuilder().maxBufferedResponseBytes(900).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String reply =
        join(
            onContext(() -> client
                .request(HttpMethod.GET, port, "127.0.0.1", "/api/x")
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b))));
    assertThat(reply).startsWith("502 ");
    assertThat(reply).contains("\"key\":\"backend_response_too_large\"").doesNotContain("xxx");
  }

  @Test
  void slow_client_pauses_the_backend_instead_of_buffering() throws Exception {
    long total = 64L * 1024 * 1024;
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
    AtomicLong written = new AtomicLong();
    CompletableFuture<Long> backendFull = new CompletableFuture<>();
    CompletableFuture<Void> backendDone = new CompletableFuture<>();
    HttpServer backend =
        backend(
            req -> {
              HttpServerResponse resp = req.response().setChunked(true);
              resp.putHeader("content-type", "application/octet-stream");
              Runnable[] pump = new Runnable[1];
              pump[0] =
                  () -> {
                    while (written.get() < total && !resp.writeQueueFull()) {
                      resp.write(chunk.copy());
                      written.addAndGet(chunk.length());
                    }
                    if (written.get() >= total) {
                      resp.end();
                      backendDone.complete(null);
                    } else {
                      backendFull.complete(written.get());
                      resp.drainHandler(v -> pump[0].run());
                    }
                  };
              pump[0].run();
            });
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    CompletableFuture<HttpClientResponse> paused = new CompletableFuture<>();
    AtomicLong received = new AtomicLong();
    Promise<Void> ended = Promise.promise();
    onContext(() -> client
        .request(HttpMethod.GET, port, "127.0.0.1", "/api/bytes")
        .compose(req -> req.send())
        .onSuccess(
            resp -> {
              resp.pause();
              resp.handler(b -> received.addAndGet(b.length()));
              resp.endHandler(v -> ended.complete());
              paused.complete(resp);
            }));

    // The backend may fill its queue before the client has even seen the response headers.
    HttpClientResponse response = paused.get(WAIT_SECONDS, TimeUnit.SECONDS);
    backendFull.get(WAIT_SECONDS, TimeUnit.SECONDS);
    // Wait (bounded) until the backend stops making progress. A gateway that kept reading while
    // its client reads nothing would let the backend run to the end instead.
    long previous = -1;
    long current = written.get();
    for (int i = 0; i < 30 && current != previous && !backendDone.isDone(); i++) {
      previous = current;
      Thread.sleep(500);
      current = written.get();
    }
    assertThat(backendDone).isNotDone();
    assertThat(current).isLessThan(total / 2);

    response.resume();
    join(ended.future());
    assertThat(received.get()).isEqualTo(total);
  }

  @Test
  void client_disconnect_resets_the_backend_request() throws Exception {
    CompletableFuture<Void> backendSawClose = new CompletableFuture<>();
    HttpServer backend =
        backend(
            req -> {
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              resp.closeHandler(v -> backendSawClose.complete(null));
              resp.write("data: 1\n\n");
            });
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    onContext(() -> client
        .request(HttpMethod.GET, port, "127.0.0.1", "/api/events")
        .compose(req -> req.send())
        .onSuccess(resp -> resp.handler(chunk -> resp.request().connection().close())));

    backendSawClose.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(backendSawClose).isCompleted();
  }

  @Test
  void backend_reset_mid_stream_is_a_failure_for_the_client() throws Exception {
    HttpServer backend =
        backend(
            req -> {
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              resp.write("data: 1\n\n").onComplete(ar -> vertx.setTimer(50, id -> req.connection().close()));
            });
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    StringBuilder text = new StringBuilder();
    Future<Void> end =
        onContext(() -> client
            .request(HttpMethod.GET, port, "127.0.0.1", "/api/events")
            .compose(req -> req.send())
            .compose(
                resp -> {
                  resp.handler(chunk -> text.append(chunk));
                  return resp.end();
                }));
    Throwable failure =
        end.toCompletionStage()
            .toCompletableFuture()
            .handle((v, err) -> err)
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(failure).as("the client must not see a clean end").isNotNull();
    assertThat(text.toString()).isEqualTo("data: 1\n\n");
  }

  @Test
  void stalled_backend_stream_is_cut_after_the_idle_timeout() throws Exception {
    HttpServer backend =
        backend(
            req -> {
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              resp.write("data: 1\n\n");
            });
    int port =
        gateway(
            OPTIONS.toBuilder().streamIdleTimeout(Duration.ofMillis(200)).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    Future<Void> end =
        onContext(() -> client
            .request(HttpMethod.GET, port, "127.0.0.1", "/api/events")
            .compose(req -> req.send())
            .compose(resp -> resp.handler(chunk -> {}).end()));
    Throwable failure =
        end.toCompletionStage()
            .toCompletableFuture()
            .handle((v, err) -> err)
            .get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(failure).isNotNull();
  }

  @Test
  void keep_alive_comments_come_only_between_events() throws Exception {
    CompletableFuture<Void> clientSawComment = new CompletableFuture<>();
    HttpServer backend =
        backend(
            req -> {
              Context context = vertx.getOrCreateContext();
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              resp.write("data: a\n\n");
              clientSawComment.thenRun(
                  () ->
                      context.runOnContext(
                          v -> {
                            // Half an event, then a pause of many keep-alive intervals.
                            resp.write("data: b\n");
                            vertx.setTimer(400, id -> resp.end("\ndata: c\n\n"));
                          }));
            });
    int port =
        gateway(
            OPTIONS.toBuilder().sseKeepAlive(Duration.ofMillis(40)).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    String text =
        join(
            readStream(
                port,
                "/api/events",
                soFar -> {
                  if (soFar.startsWith("data: a\n\n: keep-alive\n\n")) {
                    clientSawComment.complete(null);
                  }
                }));
    assertThat(text).startsWith("data: a\n\n: keep-alive\n\n");
    assertThat(text).contains("data: b\n\ndata: c\n\n");
  }

  @Test
  void reload_routes_new_requests_while_a_live_stream_finishes_on_the_old_pipeline()
      throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    HttpServer backend =
        backend(
            req -> {
              Context context = vertx.getOrCreateContext();
              HttpServerResponse resp = req.response();
              resp.setChunked(true).putHeader("content-type", "text/event-stream");
              resp.write("data: 1\n\n");
              release.thenRun(() -> context.runOnContext(v -> resp.end("data: 2\n\n")));
            });
    Started started =
        gateway(OPTIONS, RoutingTable.of(List.of(versioned(backend, "1"))));
    CompletableFuture<Void> firstEvent = new CompletableFuture<>();
    AtomicReference<String> oldVersion = new AtomicReference<>();
    StringBuilder text = new StringBuilder();
    Future<String> oldStream =
        onContext(() -> client
            .request(HttpMethod.GET, started.port(), "127.0.0.1", "/api/events")
            .compose(req -> req.send())
            .compose(
                resp -> {
                  oldVersion.set(resp.getHeader("x-version"));
                  resp.handler(
                      chunk -> {
                        text.append(chunk);
                        firstEvent.complete(null);
                      });
                  return resp.end().map(v -> text.toString());
                }));
    firstEvent.get(WAIT_SECONDS, TimeUnit.SECONDS);

    started.gateway().reload(RoutingTable.of(List.of(versioned(backend, "2"))));
    release.complete(null);
    String freshVersion =
        join(
            onContext(() -> client
                .request(HttpMethod.GET, started.port(), "127.0.0.1", "/api/events")
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(b -> resp.getHeader("x-version")))));
    assertThat(freshVersion).isEqualTo("2");
    assertThat(join(oldStream)).isEqualTo("data: 1\n\ndata: 2\n\n");
    assertThat(oldVersion.get()).isEqualTo("1");
  }

  @Test
  void event_streams_are_never_compressed() throws Exception {
    String events = "data: " + "z".repeat(2000) + "\n\n";
    HttpServer backend =
        backend(
            req -> {
              String type = req.path().endsWith("events") ? "text/event-stream" : "text/plain";
              req.response().setChunked(true).putHeader("content-type", type).end(events);
            });
    int port =
        gateway(
            OPTIONS.toBuilder().compression(true).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    java.util.function.Function<String, Future<String>> encodingOf =
        path ->
            onContext(() -> client
                .request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(req -> req.putHeader("accept-encoding", "gzip").send())
                .compose(resp -> resp.body().map(b -> String.valueOf(resp.getHeader("content-encoding")))));
    assertThat(join(encodingOf.apply("/api/text"))).isEqualTo("gzip");
    assertThat(join(encodingOf.apply("/api/events"))).isEqualTo("null");
  }

  private static Route versioned(HttpServer backend, String version) {
    return route(
        backend,
        Pipeline.builder()
            .add(Section.BACKEND, Steps.forwardRequest(ForwardRequestOptions.streaming()))
            .add(
                Section.OUTBOUND,
                Steps.setHeader("x-version", Steps.ExistsAction.OVERRIDE, List.of(version)))
            .build());
  }
}
