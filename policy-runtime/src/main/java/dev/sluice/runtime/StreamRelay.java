package dev.sluice.runtime;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

/**
 * Relays a backend body to the client chunk by chunk: each chunk is written the moment it arrives,
 * the backend is paused while the client's write queue is full, and resumed from a fresh event-loop
 * task after drain, so one fast stream cannot starve the others on the same loop.
 *
 * <p>Memory per stream is bounded by the client write queue plus one read. A backend failure or
 * stall resets the client connection (the client sees an error, never a clean end); a client that
 * goes away resets the backend. On event streams it can inject {@code : keep-alive} comments, only
 * between events.
 */
final class StreamRelay {
  private static final Buffer KEEP_ALIVE = Buffer.buffer(": keep-alive\n\n");

  private final Vertx vertx;
  private final ReadStream<Buffer> source;
  private final Runnable discardSource;
  private final HttpServerResponse out;
  private final long idleMillis;
  private final long keepAliveMillis;
  private final EventBoundary boundary;
  private final int writeQueueBytes;

  private boolean finished;
  private boolean paused;
  private long lastProgress = System.nanoTime();
  private long lastWrite = System.nanoTime();
  private long idleTimer = -1;
  private long keepAliveTimer = -1;

  StreamRelay(
      Vertx vertx,
      PolicyContext.BackendBody body,
      HttpServerResponse out,
      boolean eventStream,
      GatewayOptions options) {
    this.vertx = vertx;
    this.source = body.source();
    this.discardSource = body.discard();
    this.out = out;
    this.idleMillis = options.streamIdleTimeout().toMillis();
    this.keepAliveMillis = eventStream ? options.sseKeepAlive().toMillis() : 0;
    this.boundary = eventStream ? new EventBoundary() : null;
    this.writeQueueBytes = options.streamWriteQueueBytes();
  }

  /** Starts relaying; the caller routes a client disconnect to {@link #clientGone()}. */
  void start() {
    out.setWriteQueueMaxSize(writeQueueBytes);
    out.drainHandler(v -> onDrain());
    source.handler(this::onChunk);
    source.endHandler(v -> onEnd());
    source.exceptionHandler(this::onBackendFailure);
    idleTimer = vertx.setTimer(idleMillis, this::checkIdle);
    if (keepAliveMillis > 0) {
      keepAliveTimer = vertx.setTimer(keepAliveMillis, this::checkKeepAlive);
    }
    source.resume();
  }

  private void onChunk(Buffer chunk) {
    if (finished) {
      return;
    }
    long now = System.nanoTime();
    lastProgress = now;
    lastWrite = now;
    if (boundary != null) {
      boundary.update(chunk);
    }
    out.write(chunk);
    if (!paused && out.writeQueueFull()) {
      paused = true;
      source.pause();
    }
  }

  private void onDrain() {
    if (finished) {
      return;
    }
    lastProgress = System.nanoTime();
    if (paused) {
      paused = false;
      // Resume from a new task rather than inside the drain callback (which runs while the loop
      // handles this client's socket): other connections' events queued on this loop run first.
      // Vert.x 5's HttpClientResponse.resume() already schedules its delivery as a task and only
      // re-enables reading, so this guards sources that deliver synchronously on resume (a
      // wrapping stream holding chunks), not the plain backend response. The work one resume can
      // cause is bounded anyway: this relay pauses again as soon as the write queue is full.
      vertx.runOnContext(
          v -> {
            if (!finished && !paused) {
              source.resume();
            }
          });
    }
  }

  private void onEnd() {
    if (finish()) {
      out.end();
    }
  }

  private void onBackendFailure(Throwable err) {
    if (finish()) {
      discardSource.run();
      out.reset();
    }
  }

  /** The client went away: stop and reset the backend at once. */
  void clientGone() {
    if (finish()) {
      discardSource.run();
    }
  }

  private boolean finish() {
    if (finished) {
      return false;
    }
    finished = true;
    vertx.cancelTimer(idleTimer);
    vertx.cancelTimer(keepAliveTimer);
    return true;
  }

  private void checkIdle(long id) {
    if (finished) {
      return;
    }
    long quiet = (System.nanoTime() - lastProgress) / 1_000_000;
    if (quiet >= idleMillis) {
      onBackendFailure(new IllegalStateException("stream idle for " + quiet + " ms"));
    } else {
      idleTimer = vertx.setTimer(idleMillis - quiet, this::checkIdle);
    }
  }

  private void checkKeepAlive(long id) {
    if (finished) {
      return;
    }
    long quiet = (System.nanoTime() - lastWrite) / 1_000_000;
    if (quiet < keepAliveMillis) {
      keepAliveTimer = vertx.setTimer(keepAliveMillis - quiet, this::checkKeepAlive);
      return;
    }
    // Only between events, and never onto a full queue: a comment is worthless if it waits.
    if (boundary.atBoundary() && !out.writeQueueFull()) {
      out.write(KEEP_ALIVE.copy());
      lastWrite = System.nanoTime();
    }
    keepAliveTimer = vertx.setTimer(keepAliveMillis, this::checkKeepAlive);
  }

  /**
   * Tracks whether the bytes relayed so far end with a blank line, i.e. sit between two events. CRLF,
   * LF and CR all end a line (the SSE grammar) and chunks split anywhere, so the last three bytes of
   * the stream are kept across chunks. The start of a stream counts as a boundary.
   */
  static final class EventBoundary {
    private final byte[] tail = {'\n', '\n', '\n'};

    void update(Buffer chunk) {
      int length = chunk.length();
      for (int i = Math.max(0, length - tail.length); i < length; i++) {
        tail[0] = tail[1];
        tail[1] = tail[2];
        tail[2] = chunk.getByte(i);
      }
    }

    boolean atBoundary() {
      byte last = tail[2];
      byte before = tail[1];
      byte third = tail[0];
      if (last == '\n') {
        // "\n\n" and "\r\n\r\n" / "\r\r\n" end a blank line; a lone "\r\n" does not.
        return before == '\n' || (before == '\r' && (third == '\n' || third == '\r'));
      }
      if (last == '\r') {
        return before == '\n' || before == '\r';
      }
      return false;
    }
  }
}
