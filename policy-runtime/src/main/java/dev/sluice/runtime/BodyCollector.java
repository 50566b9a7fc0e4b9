package dev.sluice.runtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.function.Supplier;

/**
 * Reads a whole body into memory, bounded: the cap is on the running total, so a body one byte over
 * fails instead of being truncated. An idle timer fails it when the source stops sending.
 */
final class BodyCollector {
  private BodyCollector() {}

  static Future<Buffer> collect(
      Vertx vertx,
      ReadStream<Buffer> source,
      long maxBytes,
      long idleMillis,
      Supplier<PolicyFailure> tooLarge,
      Supplier<PolicyFailure> idle) {
    Promise<Buffer> promise = Promise.promise();
    Buffer collected = Buffer.buffer();
    long[] lastChunk = {System.nanoTime()};
    long[] timer = {-1};
    Runnable stop =
        () -> {
          vertx.cancelTimer(timer[0]);
          source.handler(null);
        };
    timer[0] = vertx.setTimer(idleMillis, new IdleCheck(vertx, idleMillis, lastChunk, timer, () -> {
      if (promise.tryFail(idle.get())) {
        source.handler(null);
      }
    }));
    source.exceptionHandler(
        err -> {
          stop.run();
          promise.tryFail(err);
        });
    source.endHandler(
        v -> {
          vertx.cancelTimer(timer[0]);
          promise.tryComplete(collected);
        });
    source.handler(
        chunk -> {
          lastChunk[0] = System.nanoTime();
          if (collected.length() + (long) chunk.length() > maxBytes) {
            stop.run();
            source.endHandler(null);
            promise.tryFail(tooLarge.get());
            return;
          }
          collected.appendBuffer(chunk);
        });
    source.resume();
    return promise.future();
  }

  /** Re-arms itself until {@code idleMillis} have passed since the last chunk; one timer per body. */
  static final class IdleCheck implements io.vertx.core.Handler<Long> {
    private final Vertx vertx;
    private final long idleMillis;
    private final long[] lastChunk;
    private final long[] timer;
    private final Runnable onIdle;

    IdleCheck(Vertx vertx, long idleMillis, long[] lastChunk, long[] timer, Runnable onIdle) {
      this.vertx = vertx;
      this.idleMillis = idleMillis;
      this.lastChunk = lastChunk;
      this.timer = timer;
      this.onIdle = onIdle;
    }

    @Override
    public void handle(Long id) {
      long quietMillis = (System.nanoTime() - lastChunk[0]) / 1_000_000;
      if (quietMillis >= idleMillis) {
        onIdle.run();
      } else {
        timer[0] = vertx.setTimer(idleMillis - quietMillis, this);
      }
    }
  }
}
