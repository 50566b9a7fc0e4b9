package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** rate-limit, limit-concurrency and retry through a gateway loaded from XML. */
class LimitsAndRetryTest extends CompiledGatewaySupport {

  @Test
  void rate_limit_answers_429_with_retry_after_over_the_limit() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <rate-limit calls="2" renewal-period="60" remaining-calls-header-name="x-remaining" />
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    Reply first = get(port, "/api/items/1");
    Reply second = get(port, "/api/items/2");
    Reply third = get(port, "/api/items/3");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers().get("x-remaining")).isEqualTo("1");
    assertThat(second.status()).isEqualTo(200);
    assertThat(third.status()).isEqualTo(429);
    assertThat(Integer.parseInt(third.headers().get("retry-after"))).isBetween(1, 60);
    assertThat(third.body()).contains("RateLimitExceeded");
  }

  @Test
  void rate_limit_by_key_counts_each_key_apart() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <rate-limit-by-key calls="1" renewal-period="60"
                    counter-key="@(context.Request.Headers.GetValueOrDefault("x-user", "anon"))" />
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    Reply a1 = call(port, "GET", "/api/items/1", Map.of("x-user", "a"), null);
    Reply a2 = call(port, "GET", "/api/items/1", Map.of("x-user", "a"), null);
    Reply b1 = call(port, "GET", "/api/items/1", Map.of("x-user", "b"), null);

    assertThat(a1.status()).isEqualTo(200);
    assertThat(a2.status()).isEqualTo(429);
    assertThat(b1.status()).isEqualTo(200);
  }

  @Test
  void limit_concurrency_holds_the_slot_until_the_stream_ends() throws Exception {
    AtomicReference<HttpServerResponse> open = new AtomicReference<>();
    AtomicInteger requests = new AtomicInteger();
    HttpServer backend =
        backend(
            request -> {
              requests.incrementAndGet();
              HttpServerResponse response = request.response();
              if (request.path().endsWith("/stream")) {
                response.setChunked(true).putHeader("content-type", "text/event-stream");
                response.write("data: one\n\n");
                open.set(response);
              } else {
                response.end("plain");
              }
            });
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound />
              <backend>
                <limit-concurrency key="backend" max-count="1">
                  <forward-request buffer-response="false" />
                </limit-concurrency>
              </backend>
              <outbound />
            </policies>
            """);

    CompletableFuture<String> firstEvent = new CompletableFuture<>();
    CompletableFuture<String> wholeStream = new CompletableFuture<>();
    StringBuilder received = new StringBuilder();
    onContext(() -> client
        .request(new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(HttpMethod.GET).setURI("/api/stream"))
        .compose(request -> request.send())
        .onSuccess(
            (HttpClientResponse response) -> {
              response.handler(
                  chunk -> {
                    synchronized (received) {
                      received.append(chunk.toString());
                      firstEvent.complete(received.toString());
                    }
                  });
              response.endHandler(v -> wholeStream.complete(received.toString()));
            })
        .onFailure(wholeStream::completeExceptionally));
    assertThat(firstEvent.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: one\n\n");

    Reply whileStreaming = get(port, "/api/other");

    assertThat(whileStreaming.status()).isEqualTo(429);
    assertThat(whileStreaming.body()).contains("ConcurrencyLimitExceeded");

    vertx.runOnContext(v -> open.get().end("data: two\n\n"));
    assertThat(wholeStream.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("data: one\n\ndata: two\n\n");

    Reply afterStream = get(port, "/api/other");
    assertThat(afterStream.status()).isEqualTo(200);
    assertThat(afterStream.body()).isEqualTo("plain");
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void retry_repeats_the_backend_call_while_the_condition_holds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer backend =
        backend(
            request -> {
              int n = calls.incrementAndGet();
              request.response().setStatusCode(n < 3 ? 500 : 200).end("attempt " + n);
            });
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound />
              <backend>
                <retry condition="@(context.Response.StatusCode >= 500)" count="3" interval="0" first-fast-retry="true">
                  <forward-request buffer-request-body="true" />
                </retry>
              </backend>
              <outbound />
            </policies>
            """);

    Reply reply = call(port, "POST", "/api/items/1", Map.of(), "payload");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("attempt 3");
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void retry_never_resends_once_the_client_has_received_bytes() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer backend =
        backend(
            request -> {
              calls.incrementAndGet();
              HttpServerResponse response = request.response();
              response.setChunked(true).putHeader("content-type", "text/event-stream");
              response.write("data: one\n\n");
              // The stream then fails: the client already has an event, so nothing may be retried.
              vertx.setTimer(200, id -> request.connection().close());
            });
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound />
              <backend>
                <retry condition="@(context.Response.StatusCode >= 500)" count="5" interval="0">
                  <forward-request buffer-response="false" />
                </retry>
              </backend>
              <outbound />
            </policies>
            """);

    CompletableFuture<String> outcome = new CompletableFuture<>();
    StringBuilder received = new StringBuilder();
    onContext(() -> client
        .request(new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(HttpMethod.GET).setURI("/api/stream"))
        .compose(request -> request.send())
        .onSuccess(
            response -> {
              response.handler(chunk -> received.append(chunk.toString()));
              response.exceptionHandler(err -> outcome.complete("failed after: " + received));
              response.endHandler(v -> outcome.complete("ended after: " + received));
            })
        .onFailure(err -> outcome.complete("failed before response")));

    assertThat(outcome.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("failed after: data: one\n\n");
    assertThat(calls.get()).isEqualTo(1);
    assertThat(Buffer.buffer(received.toString()).length()).isPositive();
  }
}
