package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** retry around policies that fail: refused connections, closed connections, timeouts. */
class RetryOnFailureTest extends CompiledGatewaySupport {
  /** Called for every trace entry, on the gateway's event loop, before the next policy runs. */
  private volatile Consumer<TraceSink.Entry> onTrace = entry -> {};

  private ServerSocket lateBackend;

  @Override
  CompilerOptions compilerOptions() {
    return CompilerOptions.defaults()
        .withTraceSink(
            entry -> {
              traces.add(entry);
              onTrace.accept(entry);
            });
  }

  @AfterEach
  void closeLateBackend() throws IOException {
    if (lateBackend != null) {
      lateBackend.close();
    }
  }

  /** A port nothing listens on: connections to it are refused. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private long attempts() {
    return traces.stream().filter(entry -> entry.source().equals("attempt")).count();
  }

  @Test
  void retry_succeeds_on_the_third_attempt_after_two_refused_connections() throws Exception {
    int port = closedPort();
    // The backend starts listening when the third attempt begins: the first two are refused. The
    // trace runs on the event loop just before forward-request, and binding is synchronous.
    onTrace =
        entry -> {
          if (entry.source().equals("attempt") && entry.message().equals("3")) {
            lateBackend = listenAndAnswerOnce(port, "third time lucky");
          }
        };
    int gateway =
        serve(
            "http://127.0.0.1:" + port,
            """
            <policies>
              <inbound />
              <backend>
                <retry condition="@(context.LastError != null && context.LastError.Reason == "backend_unreachable")"
                       count="3" interval="0">
                  <set-variable name="n" value="@(context.Variables.GetValueOrDefault<int>("n", 0) + 1)" />
                  <trace source="attempt"><message>@(context.Variables["n"].ToString())</message></trace>
                  <forward-request timeout-ms="5000" />
                </retry>
              </backend>
              <outbound />
            </policies>
            """,
            GatewayOptions.defaults());

    Reply reply = get(gateway, "/api/items/1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("third time lucky");
    assertThat(attempts()).isEqualTo(3);
  }

  @Test
  void retry_repeats_after_the_backend_closes_the_connection_without_answering() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    HttpServer backend =
        join(
            vertx
                .createHttpServer()
                .connectionHandler(
                    connection -> {
                      if (connections.incrementAndGet() <= 2) {
                        connection.close();
                      }
                    })
                .requestHandler(request -> request.response().end("answered on " + connections.get()))
                .listen(0, "127.0.0.1"));
    int gateway =
        serve(
            backend,
            """
            <policies>
              <inbound />
              <backend>
                <retry condition="@(context.Response == null)" count="2" interval="0">
                  <forward-request />
                </retry>
              </backend>
              <outbound />
            </policies>
            """);

    Reply reply = get(gateway, "/api/items/1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("answered on 3");
    assertThat(connections.get()).isEqualTo(3);
  }

  @Test
  void exhausted_retries_reach_on_error_with_the_last_failure() throws Exception {
    int refused = closedPort();
    AtomicInteger silentCalls = new AtomicInteger();
    HttpServer silent = backend(request -> silentCalls.incrementAndGet());
    // Attempts 1 and 2 are refused; attempt 3 goes to a backend that never answers and times out.
    int gateway =
        serve(
            "http://127.0.0.1:" + refused,
            """
            <policies>
              <inbound />
              <backend>
                <retry condition="@(context.LastError != null)" count="2" interval="0">
                  <set-variable name="n" value="@(context.Variables.GetValueOrDefault<int>("n", 0) + 1)" />
                  <trace source="attempt"><message>@(context.LastError == null ? "clean" : "dirty")</message></trace>
                  <set-backend-service base-url="@((int)context.Variables["n"] < 3 ? "http://127.0.0.1:%d" : "http://127.0.0.1:%d")" />
                  <forward-request timeout-ms="300" />
                </retry>
              </backend>
              <outbound />
              <on-error>
                <set-header name="x-error" exists-action="override">
                  <value>@(context.LastError.Source + "|" + context.LastError.Reason + "|" + context.LastError.Path)</value>
                </set-header>
                <set-header name="x-attempts" exists-action="override">
                  <value>@(context.Variables["n"].ToString())</value>
                </set-header>
              </on-error>
            </policies>
            """
                .formatted(refused, silent.actualPort()),
            GatewayOptions.defaults());

    Reply reply = get(gateway, "/api/items/1");

    assertThat(reply.status()).isEqualTo(504);
    assertThat(reply.headers().get("x-error"))
        .isEqualTo("forward-request|backend_timeout|retry[1]\\forward-request[1]");
    assertThat(reply.headers().get("x-attempts")).isEqualTo("3");
    assertThat(silentCalls.get()).isEqualTo(1);
    // LastError describes a failed attempt only while its condition runs, not the next attempt.
    assertThat(traces).extracting(TraceSink.Entry::message).containsExactly("clean", "clean", "clean");
  }

  @Test
  void a_condition_that_cannot_judge_a_failure_leaves_the_failure_to_on_error() throws Exception {
    int refused = closedPort();
    int gateway =
        serve(
            "http://127.0.0.1:" + refused,
            """
            <policies>
              <inbound />
              <backend>
                <retry condition="@(context.Response.StatusCode >= 500)" count="3" interval="0">
                  <trace source="attempt"><message>go</message></trace>
                  <forward-request />
                </retry>
              </backend>
              <outbound />
              <on-error>
                <set-header name="x-error" exists-action="override">
                  <value>@(context.LastError.Source + "|" + context.LastError.Reason)</value>
                </set-header>
              </on-error>
            </policies>
            """,
            GatewayOptions.defaults());

    Reply reply = get(gateway, "/api/items/1");

    // context.Response is null after a failed attempt: the condition fails to evaluate, and the
    // client is told about the refused connection, not about the condition.
    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.headers().get("x-error")).isEqualTo("forward-request|backend_unreachable");
    assertThat(attempts()).isEqualTo(1);
  }

  @Test
  void the_interval_separates_attempts_after_a_failure() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    HttpServer backend =
        join(
            vertx
                .createHttpServer()
                .connectionHandler(connection -> {
                  connections.incrementAndGet();
                  connection.close();
                })
                .requestHandler(request -> request.response().end())
                .listen(0, "127.0.0.1"));
    int gateway =
        serve(
            backend,
            """
            <policies>
              <inbound />
              <backend>
                <retry condition="@(context.LastError != null)" count="1" interval="1">
                  <forward-request />
                </retry>
              </backend>
              <outbound />
            </policies>
            """);

    CompletableFuture<Integer> status = new CompletableFuture<>();
    onContext(() -> client
        .request(new RequestOptions().setHost("127.0.0.1").setPort(gateway).setMethod(HttpMethod.GET).setURI("/api/items/1"))
        .compose(request -> request.send())
        .onSuccess(response -> status.complete(response.statusCode()))
        .onFailure(status::completeExceptionally));

    waitFor(() -> connections.get() >= 1);
    // The retry waits its interval (1 s) after the first failure: a moment later there has been
    // one attempt only, and the client is still waiting. Without the wait the second attempt
    // would follow the first within milliseconds.
    Thread.sleep(300);
    assertThat(connections.get()).isEqualTo(1);
    assertThat(status).isNotDone();

    assertThat(status.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(502);
    assertThat(connections.get()).isEqualTo(2);
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + WAIT_SECONDS + " s");
      }
      Thread.sleep(10);
    }
  }

  /** Binds {@code port} now and answers one HTTP request on it with {@code body}, from a thread. */
  private static ServerSocket listenAndAnswerOnce(int port, String body) {
    ServerSocket server;
    try {
      server = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread thread =
        new Thread(
            () -> {
              try (Socket socket = server.accept()) {
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                readHead(socket.getInputStream());
                byte[] payload = body.getBytes(StandardCharsets.UTF_8);
                String head =
                    "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: "
                        + payload.length
                        + "\r\nconnection: close\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().write(payload);
                socket.getOutputStream().flush();
              } catch (IOException e) {
                // The test then fails on the reply it did not get; nothing else to do here.
                throw new UncheckedIOException(e);
              }
            },
            "late-backend");
    thread.setDaemon(true);
    thread.start();
    return server;
  }

  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] bytes = head.toByteArray();
      int n = bytes.length;
      if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
        return;
      }
    }
  }
}
