package dev.sluice.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The backend of {@code sluice demo}, on 127.0.0.1 and an ephemeral port, in the same process:
 *
 * <ul>
 *   <li>{@code GET /clock/ticks}: an event stream with one event per second holding the time, until
 *       the client goes away;
 *   <li>{@code GET /chat/stream}: the words of a sentence as {@code data:} events, a short delay
 *       apart, like a language model streaming tokens, then {@code data: [DONE]}; the sentence is in
 *       French when the request carries {@code X-Demo-Language: fr}.
 * </ul>
 *
 * Event-loop confined; every timer stops when its client disconnects.
 */
final class DemoBackend {
  private static final List<String> ENGLISH =
      List.of("Sluice", "relays", "every", "event", "the", "moment", "it", "arrives.");
  private static final List<String> FRENCH =
      List.of("Sluice", "relaie", "chaque", "événement", "dès", "qu'il", "arrive.");
  private static final long WORD_DELAY_MILLIS = 150;
  private static final long TICK_MILLIS = 1000;

  private final Vertx vertx;

  private DemoBackend(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts the backend on 127.0.0.1 and a free port. */
  static Future<HttpServer> start(Vertx vertx) {
    DemoBackend backend = new DemoBackend(vertx);
    return vertx
        .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true))
        .requestHandler(backend::handle)
        .listen();
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/clock/ticks" -> clock(request.response());
      case "/chat/stream" ->
          chat(request.response(), "fr".equalsIgnoreCase(request.getHeader("X-Demo-Language")) ? FRENCH : ENGLISH);
      default ->
          request.response().setStatusCode(404).putHeader("content-type", "text/plain").end("no such demo path\n");
    }
  }

  private static HttpServerResponse eventStream(HttpServerResponse response) {
    return response
        .setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
  }

  private void clock(HttpServerResponse response) {
    eventStream(response);
    long[] count = {0};
    Runnable tick =
        () -> {
          count[0]++;
          String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
          response.write(Buffer.buffer("id: " + count[0] + "\ndata: " + now + "\n\n"));
        };
    tick.run();
    long timer = vertx.setPeriodic(TICK_MILLIS, id -> {
      if (!response.closed() && !response.ended()) {
        tick.run();
      }
    });
    response.closeHandler(v -> vertx.cancelTimer(timer));
  }

  private void chat(HttpServerResponse response, List<String> words) {
    eventStream(response);
    // Headers first, like a model that has accepted the prompt and is thinking.
    response.writeHead();
    nextWord(response, words, 0);
  }

  private void nextWord(HttpServerResponse response, List<String> words, int index) {
    vertx.setTimer(WORD_DELAY_MILLIS, id -> {
      if (response.closed() || response.ended()) {
        return;
      }
      if (index == words.size()) {
        response.end("data: [DONE]\n\n");
        return;
      }
      response.write("data: " + words.get(index) + "\n\n");
      nextWord(response, words, index + 1);
    });
  }
}
