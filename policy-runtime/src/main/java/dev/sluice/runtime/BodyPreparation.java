package dev.sluice.runtime;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Buffers a message body before a step whose expressions read it ({@code context.Request.Body},
 * {@code context.Response.Body}), as APIM does: reading a body holds all of it in memory, within
 * the gateway's limits ({@link GatewayOptions#maxBufferedRequestBytes()}, {@link
 * GatewayOptions#maxBufferedResponseBytes()}). The load-time check reports it on event streams.
 */
final class BodyPreparation {
  private BodyPreparation() {}

  static PolicyStep wrap(PolicyStep step, boolean request, boolean response) {
    return PolicyStep.of(
        step.name(),
        context -> {
          // The step may start after the body arrives: it keeps the scope it was started in.
          Cancellation scope = context.cancellation();
          Future<Void> ready = Future.succeededFuture();
          if (request) {
            ready = bufferRequest(context);
          }
          if (response) {
            ready = ready.compose(v -> bufferResponse(context));
          }
          return ready.compose(v -> Sequence.apply(step, context, scope));
        });
  }

  /** Reads the client's request body into the context, unless it is there or already forwarded. */
  static Future<Void> bufferRequest(PolicyContext context) {
    if (context.bufferedRequestBody().isPresent()) {
      return Future.succeededFuture();
    }
    if (!context.clientBody().present()) {
      return Future.succeededFuture();
    }
    Optional<io.vertx.core.streams.ReadStream<Buffer>> body = context.takeRequestBody();
    if (body.isEmpty()) {
      return Future.succeededFuture();
    }
    GatewayOptions limits = context.env().options();
    return BodyCollector.collect(
            context.vertx(),
            body.get(),
            limits.maxBufferedRequestBytes(),
            limits.streamIdleTimeout().toMillis(),
            () ->
                new PolicyFailure(
                    413,
                    "request_body_too_large",
                    "The request body exceeds " + limits.maxBufferedRequestBytes() + " bytes"),
            () -> new PolicyFailure(408, "request_body_timeout", "The request body stalled"))
        .onSuccess(context::bufferedRequestBody)
        .mapEmpty();
  }

  /** Reads a streamed backend response into the context, bounded. */
  static Future<Void> bufferResponse(PolicyContext context) {
    PolicyContext.Response response = context.response();
    Optional<PolicyContext.BackendBody> stream = response.takeStream();
    if (stream.isEmpty()) {
      return Future.succeededFuture();
    }
    GatewayOptions limits = context.env().options();
    return BodyCollector.collect(
            context.vertx(),
            stream.get().source(),
            limits.maxBufferedResponseBytes(),
            limits.streamIdleTimeout().toMillis(),
            () ->
                new PolicyFailure(
                    502,
                    "backend_response_too_large",
                    "The backend response exceeds the buffering limit of "
                        + limits.maxBufferedResponseBytes()
                        + " bytes"),
            () -> new PolicyFailure(504, "backend_stream_idle", "The backend response body stalled"))
        .onFailure(err -> stream.get().discard().run())
        .onSuccess(
            buffer -> {
              response.headers().remove("content-length");
              response.body(buffer);
            })
        .mapEmpty();
  }
}
