package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * wait ends the policies it no longer needs: their requests are reset, their waits cancelled, and
 * their results never reach the context afterwards.
 */
class WaitCancellationTest extends CompiledGatewaySupport {
  /** The slow request has reached the backend (so a reset of it is seen there). */
  private final Promise<Void> slowArrived = Promise.promise();
  /** The backend's connection of the slow request closed before it answered. */
  private final CompletableFuture<Boolean> slowClosedUnanswered = new CompletableFuture<>();
  /** The slow request's moment to answer has passed (answered, or found its connection closed). */
  private final Promise<Void> slowDecided = Promise.promise();
  private final AtomicBoolean slowAnswered = new AtomicBoolean();
  private final AtomicInteger counted = new AtomicInteger();
  private HttpServer backend;

  @BeforeEach
  void startBackend() throws Exception {
    backend = backend(this::handle);
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/slow" -> {
        AtomicBoolean closed = new AtomicBoolean();
        request
            .connection()
            .closeHandler(
                v -> {
                  closed.set(true);
                  slowClosedUnanswered.complete(!slowAnswered.get());
                });
        slowArrived.tryComplete();
        // Answers after 300 ms if it still can: a result the gateway must then ignore.
        vertx.setTimer(
            300,
            id -> {
              if (!closed.get()) {
                slowAnswered.set(true);
                request.response().end("slow");
              }
              slowDecided.tryComplete();
            });
      }
      // Answers once the slow request is in flight, so there is something to cancel.
      case "/fast" -> slowArrived.future().onSuccess(v -> request.response().end("fast"));
      // Fails its send-request (connection closed, no answer) once the slow request is in flight.
      case "/boom" -> slowArrived.future().onSuccess(v -> request.connection().close());
      // Answers 200 ms after the slow request's moment: a late result would have landed by then.
      case "/gate" ->
          slowDecided.future().onSuccess(v -> vertx.setTimer(200, id -> request.response().end("gate")));
      case "/count" -> request.response().end(Integer.toString(counted.incrementAndGet()));
      // Answers 100 ms after the counted attempt was answered, so that attempt's result is in.
      case "/fast-after-count" ->
          vertx.setPeriodic(
              10,
              id -> {
                if (counted.get() >= 1) {
                  vertx.cancelTimer(id);
                  vertx.setTimer(100, t -> request.response().end("fast"));
                }
              });
      case "/after-count" -> {
        // Answers once the counted attempt is done, and late enough for a retry after 1 s to
        // have happened.
        long started = System.nanoTime();
        vertx.setPeriodic(
            20,
            id -> {
              if (counted.get() >= 1 && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(1500)) {
                vertx.cancelTimer(id);
                request.response().end("done");
              }
            });
      }
      default -> request.response().setStatusCode(404).end();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + backend.actualPort() + path;
  }

  @Test
  void wait_for_any_resets_the_slower_send_request_and_drops_its_result() throws Exception {
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <wait for="any">
                  <send-request mode="new" response-variable-name="fast" timeout="10">
                    <set-url>%s</set-url>
                  </send-request>
                  <send-request mode="new" response-variable-name="slow" timeout="10" ignore-error="true">
                    <set-url>%s</set-url>
                  </send-request>
                </wait>
                <send-request mode="new" response-variable-name="gate" timeout="10">
                  <set-url>%s</set-url>
                </send-request>
                <return-response>
                  <set-status code="200" reason="OK" />
                  <set-body>@(context.Variables.ContainsKey("fast") + "," + context.Variables.ContainsKey("slow"))</set-body>
                </return-response>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """
                .formatted(url("/fast"), url("/slow"), url("/gate")));

    Reply reply = get(port, "/api/items/1");

    // The slow request was reset when fast won: its backend saw the connection close before it
    // could answer, and its result (even ignore-error's null) never reached the variables.
    assertThat(slowClosedUnanswered.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(slowAnswered.get()).isFalse();
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("True,False");
  }

  @Test
  void wait_for_all_cancels_the_others_when_one_fails() throws Exception {
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <wait for="all">
                  <send-request mode="new" response-variable-name="boom" timeout="10">
                    <set-url>%s</set-url>
                  </send-request>
                  <send-request mode="new" response-variable-name="slow" timeout="10">
                    <set-url>%s</set-url>
                  </send-request>
                </wait>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
              <on-error>
                <set-header name="x-error" exists-action="override">
                  <value>@(context.LastError.Source + "|" + context.LastError.Reason + "|" + context.Variables.ContainsKey("slow"))</value>
                </set-header>
              </on-error>
            </policies>
            """
                .formatted(url("/boom"), url("/slow")));

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.headers().get("x-error")).isEqualTo("send-request|request_failed|False");
    assertThat(slowClosedUnanswered.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void a_losing_branch_waiting_to_retry_never_retries() throws Exception {
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <wait for="any">
                  <send-request mode="new" response-variable-name="fast" timeout="10">
                    <set-url>%s</set-url>
                  </send-request>
                  <choose>
                    <when condition="@(true)">
                      <retry condition="@(true)" count="1" interval="1">
                        <send-request mode="new" response-variable-name="late" timeout="10">
                          <set-url>%s</set-url>
                        </send-request>
                      </retry>
                    </when>
                  </choose>
                </wait>
                <send-request mode="new" response-variable-name="after" timeout="10">
                  <set-url>%s</set-url>
                </send-request>
                <return-response>
                  <set-status code="200" reason="OK" />
                  <set-body>@(((IResponse)context.Variables["late"]).Body.As<string>())</set-body>
                </return-response>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """
                .formatted(url("/fast-after-count"), url("/count"), url("/after-count")));

    Reply reply = get(port, "/api/items/1");

    // The retry's first attempt finished before fast won; its one-second wait was cancelled, so
    // the second attempt never ran, though the exchange lasted past that second.
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("1");
    assertThat(counted.get()).isEqualTo(1);
  }
}
