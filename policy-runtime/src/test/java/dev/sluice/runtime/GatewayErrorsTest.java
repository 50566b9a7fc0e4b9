package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Section;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatewayErrorsTest extends GatewayTestSupport {
  private static final GatewayOptions OPTIONS = GatewayOptions.defaults();

  private record Reply(int status, String body, HttpClientResponse response) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Reply get(int port, String path) throws Exception {
    // The body is read on the event loop, in the same turn as the headers: nothing is missed.
    return join(
        onContext(() -> client
            .request(HttpMethod.GET, port, "127.0.0.1", path)
            .compose(req -> req.send())
            .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), body.toString(), resp)))));
  }

  @Test
  void unmatched_path_gets_404_with_a_stable_key() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port =
        gateway(
            OPTIONS,
            new Route("/api", "GET", "/items/{id}", url(backend), Pipeline.forwarding(ForwardRequestOptions.defaults())));
    Reply reply = get(port, "/other/items/1");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().getString("key")).isEqualTo("route_not_found");
    assertThat(reply.json().getString("message")).contains("GET /other/items/1");
    assertThat(get(port, "/api/items/1").status()).isEqualTo(200);
  }

  @Test
  void matched_parameters_reach_the_pipeline_and_the_backend_path() throws Exception {
    HttpServer backend = backend(req -> req.response().end(req.uri()));
    PolicyStep echoParameter =
        PolicyStep.of(
            "echo",
            context -> {
              context.response().headers().set("x-id", context.request().matchedParameters().get("id"));
              return Future.succeededFuture(StepOutcome.CONTINUE);
            });
    int port =
        gateway(
            OPTIONS,
            new Route(
                "/api",
                "GET",
                "/items/{id}",
                URI.create(url(backend) + "/base"),
                Pipeline.builder()
                    .add(Section.BACKEND, Steps.forwardRequest(ForwardRequestOptions.defaults()))
                    .add(Section.OUTBOUND, echoParameter)
                    .build()));
    Reply reply = get(port, "/api/items/a%20b?x=1");
    assertThat(reply.body()).isEqualTo("/base/items/a%20b?x=1");
    assertThat(reply.response().getHeader("x-id")).isEqualTo("a b");
  }

  @Test
  void header_timeout_gives_504_and_resets_the_backend() throws Exception {
    CompletableFuture<Void> backendSawClose = new CompletableFuture<>();
    HttpServer backend =
        backend(req -> req.connection().closeHandler(v -> backendSawClose.complete(null)));
    int port =
        gateway(
            OPTIONS,
            route(
                backend,
                Pipeline.forwarding(
                    ForwardRequestOptions.defaults().withTimeout(Duration.ofMillis(200)))));
    Reply reply = get(port, "/api/slow");
    assertThat(reply.status()).isEqualTo(504);
    assertThat(reply.json().getString("key")).isEqualTo("backend_timeout");
    backendSawClose.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void unreachable_backend_gives_502() throws Exception {
    HttpServer closed = backend(req -> req.response().end());
    URI dead = url(closed);
    join(closed.close());
    int port =
        gateway(
            OPTIONS,
            new Route("/api", "*", "/{*rest}", dead, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    Reply reply = get(port, "/api/x");
    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.json().getString("key")).isEqualTo("backend_unreachable");
  }

  @Test
  void on_error_runs_with_last_error_and_shapes_the_response() throws Exception {
    HttpServer closed = backend(req -> req.response().end());
    URI dead = url(closed);
    join(closed.close());
    PolicyStep reportLastError =
        PolicyStep.of(
            "report",
            context -> {
              LastError error = context.lastError().orElseThrow();
              context
                  .response()
                  .headers()
                  .set("x-error", error.source() + "/" + error.reason() + "/" + error.section().xmlName());
              return Future.succeededFuture(StepOutcome.CONTINUE);
            });
    Pipeline pipeline =
        Pipeline.builder()
            .add(Section.BACKEND, Steps.forwardRequest(ForwardRequestOptions.defaults()))
            .add(Section.ON_ERROR, reportLastError)
            .add(Section.ON_ERROR, Steps.setStatus(503, "Try Later"))
            .build();
    int port = gateway(OPTIONS, new Route("/api", "*", "/{*rest}", dead, pipeline));
    Reply reply = get(port, "/api/x");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.response().statusMessage()).isEqualTo("Try Later");
    assertThat(reply.response().getHeader("x-error"))
        .isEqualTo("forward-request/backend_unreachable/backend");
    assertThat(reply.json().getString("key")).isEqualTo("backend_unreachable");
  }

  @Test
  void failing_step_without_on_error_gives_500_with_its_message() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    PolicyStep broken =
        PolicyStep.of("broken", context -> {
          throw new IllegalStateException("boom");
        });
    int port =
        gateway(
            OPTIONS,
            route(
                backend,
                Pipeline.builder()
                    .add(Section.INBOUND, broken)
                    .add(Section.BACKEND, Steps.forwardRequest(ForwardRequestOptions.defaults()))
                    .build()));
    Reply reply = get(port, "/api/x");
    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.json().getString("key")).isEqualTo("policy_error");
    assertThat(reply.json().getString("message")).isEqualTo("boom");
  }

  @Test
  void fail_on_error_status_code_sends_backend_errors_to_on_error() throws Exception {
    HttpServer backend = backend(req -> req.response().setStatusCode(503).end("down"));
    PolicyStep tag =
        PolicyStep.of(
            "tag",
            context -> {
              context.response().headers().set("x-reason", context.lastError().orElseThrow().reason());
              return Future.succeededFuture(StepOutcome.CONTINUE);
            });
    int port =
        gateway(
            OPTIONS,
            route(
                backend,
                Pipeline.builder()
                    .add(
                        Section.BACKEND,
                        Steps.forwardRequest(
                            ForwardRequestOptions.defaults().withFailOnErrorStatusCode(true)))
                    .add(Section.ON_ERROR, tag)
                    .build()));
    Reply reply = get(port, "/api/x");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.response().getHeader("x-reason")).isEqualTo("backend_error_status");
  }

  @Test
  void return_response_in_inbound_skips_the_backend() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer backend =
        backend(
            req -> {
              calls.incrementAndGet();
              req.response().end("backend");
            });
    int port =
        gateway(
            OPTIONS,
            route(
                backend,
                Pipeline.builder()
                    .add(
                        Section.INBOUND,
                        Steps.returnResponse(
                            429, "Slow Down", Map.of("retry-after", List.of("5")), "limited"))
                    .add(Section.BACKEND, Steps.forwardRequest(ForwardRequestOptions.defaults()))
                    .add(
                        Section.OUTBOUND,
                        Steps.setHeader("x-outbound", Steps.ExistsAction.OVERRIDE, List.of("ran")))
                    .build()));
    Reply reply = get(port, "/api/x");
    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.body()).isEqualTo("limited");
    assertThat(reply.response().getHeader("retry-after")).isEqualTo("5");
    assertThat(reply.response().getHeader("x-outbound")).isNull();
    assertThat(calls.get()).isZero();
  }

  @Test
  void request_body_is_streamed_or_buffered_to_the_backend() throws Exception {
    HttpServer backend =
        backend(
            req ->
                req.body()
                    .onSuccess(
                        body ->
                            req.response()
                                .end(
                                    req.getHeader("content-length")
                                        + "|"
                                        + req.getHeader("transfer-encoding")
                                        + "|"
                                        + body)));
    Route streamed =
        new Route("/s", "POST", "/echo", url(backend), Pipeline.forwarding(ForwardRequestOptions.defaults()));
    Route buffered =
        new Route(
            "/b",
            "POST",
            "/echo",
            url(backend),
            Pipeline.forwarding(ForwardRequestOptions.defaults().withBufferRequestBody(true)));
    int port = gateway(OPTIONS, streamed, buffered);
    String chunkedThroughStream =
        join(
            onContext(() -> client
                .request(HttpMethod.POST, port, "127.0.0.1", "/s/echo")
                .compose(req -> req.setChunked(true).send("hello").compose(r -> r.body())))).toString();
    String chunkedThroughBuffer =
        join(
            onContext(() -> client
                .request(HttpMethod.POST, port, "127.0.0.1", "/b/echo")
                .compose(req -> req.setChunked(true).send("hello").compose(r -> r.body())))).toString();
    assertThat(chunkedThroughStream).isEqualTo("null|chunked|hello");
    assertThat(chunkedThroughBuffer).isEqualTo("5|null|hello");
  }

  @Test
  void oversized_buffered_request_body_gets_413() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port =
        gateway(
            OPTIONS.toBuilder().maxBufferedRequestBytes(10).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults().withBufferRequestBody(true))));
    String reply =
        join(
            onContext(() -> client
                .request(HttpMethod.POST, port, "127.0.0.1", "/api/x")
                .compose(req -> req.send("0123456789A"))
                .compose(resp -> resp.body().map(body -> resp.statusCode() + " " + body))));
    assertThat(reply).startsWith("413 ").contains("request_body_too_large");
  }

  @Test
  void full_backend_wait_queue_gives_503() throws Exception {
    CompletableFuture<Void> firstArrived = new CompletableFuture<>();
    HttpServer backend =
        backend(
            req -> {
              // Hold the only pooled connection: headers, then silence.
              req.response().setChunked(true).write("x");
              firstArrived.complete(null);
            });
    int port =
        gateway(
            OPTIONS.toBuilder().backendPoolSize(1).backendWaitQueueSize(0).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.streaming())));
    client.request(HttpMethod.GET, port, "127.0.0.1", "/api/hold").compose(req -> req.send());
    firstArrived.get(WAIT_SECONDS, TimeUnit.SECONDS);

    Reply reply = get(port, "/api/second");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.json().getString("key")).isEqualTo("backend_busy");
  }

  @Test
  void redirects_are_returned_unless_follow_redirects_is_set() throws Exception {
    HttpServer backend =
        backend(
            req -> {
              if (req.path().equals("/old")) {
                req.response().setStatusCode(302).putHeader("location", "/new").end();
              } else {
                req.response().end("moved here");
              }
            });
    Route plain =
        new Route("/p", "GET", "/old", url(backend), Pipeline.forwarding(ForwardRequestOptions.defaults()));
    Route following =
        new Route(
            "/f",
            "GET",
            "/old",
            url(backend),
            Pipeline.forwarding(ForwardRequestOptions.defaults().withFollowRedirects(true)));
    int port = gateway(OPTIONS, plain, following);

    Reply returned = get(port, "/p/old");
    assertThat(returned.status()).isEqualTo(302);
    assertThat(returned.response().getHeader("location")).isEqualTo("/new");
    Reply followed = get(port, "/f/old");
    assertThat(followed.status()).isEqualTo(200);
    assertThat(followed.body()).isEqualTo("moved here");
  }

  @Test
  void unsent_request_body_is_drained_so_the_connection_serves_the_next_request()
      throws Exception {
    HttpServer closed = backend(req -> req.response().end());
    URI dead = url(closed);
    join(closed.close());
    int port =
        gateway(
            OPTIONS,
            new Route("/api", "*", "/{*rest}", dead, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String response =
        raw(
            port,
            "POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n"
                + "b".repeat(1_000_000)
                + "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            5000);
    assertThat(response).startsWith("HTTP/1.1 502").contains("HTTP/1.1 404").doesNotContain("<<timeout>>");
  }

  @Test
  void buffered_request_body_can_be_forwarded_twice_but_a_streamed_one_cannot() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer backend =
        backend(req -> req.body().onSuccess(body -> req.response().end(calls.incrementAndGet() + ":" + body)));
    java.util.function.Function<ForwardRequestOptions, Pipeline> twice =
        options ->
            Pipeline.builder()
                .add(Section.BACKEND, Steps.forwardRequest(options))
                .add(Section.BACKEND, Steps.forwardRequest(options))
                .build();
    Route buffered =
        new Route("/b", "POST", "/x", url(backend), twice.apply(ForwardRequestOptions.defaults().withBufferRequestBody(true)));
    Route streamed = new Route("/s", "POST", "/x", url(backend), twice.apply(ForwardRequestOptions.defaults()));
    int port = gateway(OPTIONS, buffered, streamed);
    java.util.function.Function<String, Future<String>> post =
        path ->
            onContext(() -> client
                .request(HttpMethod.POST, port, "127.0.0.1", path)
                .compose(req -> req.send("payload"))
                .compose(resp -> resp.body().map(b -> resp.statusCode() + " " + b)));

    assertThat(join(post.apply("/b/x"))).isEqualTo("200 2:payload");
    assertThat(join(post.apply("/s/x"))).startsWith("500 ").contains("request_body_consumed");
    assertThat(calls.get()).isEqualTo(3);
  }
}
