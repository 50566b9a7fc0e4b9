package dev.sluice.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Supplier;

/**
 * Reads a whole body into memory, bounded: the cap is on the running total, so a body one byte over
 * fails instead of being truncated. A lazily re-armed timer (one per body, not one per chunk) fails
 * it when the source sends nothing for {@code idleMillis}. Event-loop confined.
 */
final class BodyCollector {
  private final Vertx vertx;
  private final ReadStream<Buffer> source;
  private final long maxBytes;
  private final long idleMillis;
  private final Supplier<PolicyFailure> tooLarge;
  private final Supplier<PolicyFailure> idle;
  private final Promise<Buffer> promise = Promise.promise();
  private final Buffer collected = Buffer.buffer();
  private long lastChunk = System.nanoTime();
  private long timer = -1;

  private BodyCollector(
      Vertx vertx,
      ReadStream<Buffer> source,
      long maxBytes,
      long idleMillis,
      Supplier<PolicyFailure> tooLarge,
      Supplier<PolicyFailure> idle) {
    this.vertx = vertx;
    this.source = source;
    this.maxBytes = maxBytes;
    this.idleMillis = idleMillis;
    this.tooLarge = tooLarge;
    this.idle = idle;
  }

  /**
   * Collects {@code source} (which should be paused) and resumes it. On failure the source is left
   * with no handlers; the caller resets the connection behind it.
   */
  static Future<Buffer> collect(
      Vertx vertx,
      ReadStream<Buffer> source,
      long maxBytes,
      long idleMillis,
      Supplier<PolicyFailure> tooLarge,
      Supplier<PolicyFailure> idle) {
    return new BodyCollector(vertx, source, maxBytes, idleMillis, tooLarge, idle).start();
  }

  private Future<Buffer> start() {
    source.exceptionHandler(this::fail);
    source.endHandler(
        v -> {
          vertx.cancelTimer(timer);
          promise.tryComplete(collected);
        });
    source.handler(this::onChunk);
    source.resume();
    // A small body often arrives with its headers and ends during resume(): no timer needed then.
    if (!promise.future().isComplete()) {
      timer = vertx.setTimer(idleMillis, this::checkIdle);
    }
    return promise.future();
  }

  private void onChunk(Buffer chunk) {
    if (promise.future().isComplete()) {
      return;
    }
    lastChunk = System.nanoTime();
    if (collected.length() + (long) chunk.length() > maxBytes) {
      fail(tooLarge.get());
      return;
    }
    collected.appendBuffer(chunk);
  }

  private void checkIdle(long id) {
    if (promise.future().isComplete()) {
      return;
    }
    long quietMillis = (System.nanoTime() - lastChunk) / 1_000_000;
    if (quietMillis >= idleMillis) {
      fail(idle.get());
    } else {
      timer = vertx.setTimer(idleMillis - quietMillis, this::checkIdle);
    }
  }

  private void fail(Throwable failure) {
    vertx.cancelTimer(timer);
    if (promise.tryFail(failure)) {
      source.handler(null);
      source.endHandler(null);
    }
  }
}
