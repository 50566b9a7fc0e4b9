package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpHygieneTest extends GatewayTestSupport {
  private static final GatewayOptions OPTIONS = GatewayOptions.defaults();

  private static String headersAsJson(MultiMap headers) {
    JsonObject json = new JsonObject();
    for (Map.Entry<String, String> header : headers) {
      json.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
    }
    return json.encode();
  }

  @Test
  void hop_by_hop_headers_cross_neither_way() throws Exception {
    AtomicReference<String> seenByBackend = new AtomicReference<>();
    HttpServer backend =
        backend(
            req -> {
              seenByBackend.set(headersAsJson(req.headers()));
              req.response()
                  .putHeader("connection", "x-back-hop")
                  .putHeader("x-back-hop", "1")
                  .putHeader("keep-alive", "timeout=5")
                  .putHeader("proxy-authenticate", "Basic")
                  .putHeader("upgrade", "bar")
                  .putHeader("x-end-to-end", "kept")
                  .end("ok");
            });
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String response =
        raw(
            port,
            "GET /api/x HTTP/1.1\r\nHost: gw.example\r\nConnection: close, X-Front-Hop\r\n"
                + "X-Front-Hop: 1\r\nKeep-Alive: timeout=5\r\nProxy-Authorization: Basic x\r\n"
                + "TE: trailers\r\nX-End-To-End: kept\r\n\r\n",
            5000);
    JsonObject backendHeaders = new JsonObject(seenByBackend.get());
    assertThat(backendHeaders.fieldNames())
        .contains("x-end-to-end")
        .doesNotContain("x-front-hop", "keep-alive", "proxy-authorization", "te");
    assertThat(backendHeaders.getString("connection", "keep-alive")).doesNotContainIgnoringCase("x-front-hop");
    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    assertThat(head).startsWith("http/1.1 200").contains("x-end-to-end: kept");
    assertThat(head).doesNotContain("x-back-hop", "keep-alive", "proxy-authenticate", "upgrade");
  }

  @Test
  void forwarded_headers_are_appended() throws Exception {
    AtomicReference<String> seenByBackend = new AtomicReference<>();
    HttpServer backend =
        backend(
            req -> {
              seenByBackend.set(headersAsJson(req.headers()));
              req.response().end("ok");
            });
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    raw(
        port,
        "GET /api/x HTTP/1.1\r\nHost: gw.example:8443\r\nConnection: close\r\n"
            + "X-Forwarded-For: 10.0.0.1\r\n\r\n",
        5000);
    JsonObject headers = new JsonObject(seenByBackend.get());
    assertThat(headers.getString("x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
    assertThat(headers.getString("x-forwarded-proto")).isEqualTo("http");
    assertThat(headers.getString("x-forwarded-host")).isEqualTo("gw.example:8443");
    assertThat(headers.getString("host")).isEqualTo("127.0.0.1:" + backend.actualPort());
  }

  @Test
  void content_length_with_transfer_encoding_gets_400_and_close() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String response =
        raw(
            port,
            "POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\nGET /api/x HTTP/1.1\r\nHost: x\r\n\r\n",
            5000);
    assertThat(response).startsWith("HTTP/1.1 400").contains("ambiguous_framing");
    assertThat(response).doesNotContain("<<timeout>>");
    assertThat(response.split("HTTP/1.1 ", -1)).hasSize(2);
  }

  @Test
  void two_differing_content_lengths_get_400() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port = gateway(OPTIONS, route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String response =
        raw(
            port,
            "POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            5000);
    assertThat(response).startsWith("HTTP/1.1 400");
  }

  @Test
  void too_many_headers_get_431() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port =
        gateway(
            OPTIONS.toBuilder().maxHeaderCount(5).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    StringBuilder request = new StringBuilder("GET /api/x HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 6; i++) {
      request.append("X-H").append(i).append(": v\r\n");
    }
    String response = raw(port, request.append("\r\n").toString(), 5000);
    assertThat(response).startsWith("HTTP/1.1 431").contains("too_many_headers");
  }

  @Test
  void oversized_headers_are_rejected() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port =
        gateway(
            OPTIONS.toBuilder().maxHeaderSize(1024).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String response =
        raw(port, "GET /api/x HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(2000) + "\r\n\r\n", 5000);
    assertThat(response).startsWith("HTTP/1.1 431");
  }

  @Test
  void connection_that_never_finishes_its_headers_is_closed() throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port =
        gateway(
            OPTIONS.toBuilder().headerReadTimeout(Duration.ofMillis(200)).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    String response = raw(port, "GET /api/x HTTP/1.1\r\nHost: x\r\n", 10_000);
    assertThat(response).isEmpty();
  }

  @Test
  void later_request_that_trickles_its_headers_is_cut_off() throws Exception {
    try (Socket socket = afterOneRequest(Duration.ofMillis(300))) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // The second request's head arrives a byte every 50 ms: 200 bytes would take 10 s, far past
      // the 300 ms deadline, and each byte would reset an idle timer.
      byte[] head = ("GET /api/y HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200))
          .getBytes(StandardCharsets.ISO_8859_1);
      int sent = 0;
      boolean closed = false;
      for (; sent < head.length && !closed; sent++) {
        try {
          out.write(head[sent]);
          out.flush();
          Thread.sleep(50);
          socket.setSoTimeout(1);
          closed = in.read() < 0;
        } catch (SocketTimeoutException quiet) {
          // Still open.
        } catch (IOException reset) {
          closed = true;
        } finally {
          socket.setSoTimeout(5000);
        }
      }
      assertThat(closed).as("connection closed after %d of %d head bytes", sent, head.length).isTrue();
      assertThat(sent).isLessThan(head.length);
    }
  }

  @Test
  void idle_wait_between_requests_is_not_a_header_timeout() throws Exception {
    try (Socket socket = afterOneRequest(Duration.ofMillis(200))) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // Idle for three header timeouts: a keep-alive connection may wait for its next request.
      Thread.sleep(600);
      out.write(ONE_REQUEST);
      assertThat(readResponseHead(in)).startsWith("HTTP/1.1 200");
    }
  }

  private static final byte[] ONE_REQUEST =
      "GET /api/x HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  /** A keep-alive connection to a fresh gateway with this header timeout, one request served. */
  private Socket afterOneRequest(Duration headerTimeout) throws Exception {
    HttpServer backend = backend(req -> req.response().end("ok"));
    int port =
        gateway(
            OPTIONS.toBuilder().headerReadTimeout(headerTimeout).build(),
            route(backend, Pipeline.forwarding(ForwardRequestOptions.defaults())));
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    socket.getOutputStream().write(ONE_REQUEST);
    assertThat(readResponseHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
    return socket;
  }

  /** Reads one response head and its Content-Length body. */
  private static String readResponseHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString();
      }
      head.append((char) b);
    }
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
    if (length.find()) {
      in.readNBytes(Integer.parseInt(length.group(1)));
    }
    return head.toString();
  }
}
