package dev.sluice.runtime;

import dev.sluice.core.Section;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

import java.util.List;
import java.util.Optional;

/** Runs one exchange through its pipeline and sends the result; event-loop confined. */
final class PipelineRun {
  private final PolicyContext context;
  private final Pipeline pipeline;
  private String failedSource = "gateway";
  private Section failedSection = Section.INBOUND;

  PipelineRun(PolicyContext context, Pipeline pipeline) {
    this.context = context;
    this.pipeline = pipeline;
  }

  void run() {
    proceed(Section.INBOUND, 0);
  }

  /**
   * Runs steps from {@code index} of {@code section} on. Steps that complete at once (most do) run
   * in this loop, with no future chained per step; a pending step suspends the loop until it
   * completes. Inbound, backend and outbound follow each other; on-error ends the exchange.
   */
  private void proceed(Section section, int index) {
    while (true) {
      List<PolicyStep> steps = pipeline.steps(section);
      if (index >= steps.size()) {
        if (section == Section.INBOUND) {
          section = Section.BACKEND;
        } else if (section == Section.BACKEND) {
          section = Section.OUTBOUND;
        } else {
          send();
          return;
        }
        index = 0;
        continue;
      }
      PolicyStep step = steps.get(index);
      Future<StepOutcome> result = invoke(section, step);
      if (!result.isComplete()) {
        Section current = section;
        int next = index + 1;
        result.onComplete(
            ar -> {
              if (settle(current, step, ar)) {
                proceed(current, next);
              }
            });
        return;
      }
      if (!settle(section, step, result)) {
        return;
      }
      index++;
    }
  }

  /** Acts on a step's outcome; returns whether the next step runs. */
  private boolean settle(Section section, PolicyStep step, AsyncResult<StepOutcome> outcome) {
    if (outcome.failed()) {
      if (section == Section.ON_ERROR) {
        // A failing on-error handler cannot be handled again; report it plainly.
        ErrorResponses.fill(
            context.resetResponse(), PolicyFailure.of(LocatedFailure.unwrap(outcome.cause())));
        send();
      } else {
        failedSource = step.name();
        failedSection = section;
        onError(outcome.cause());
      }
      return false;
    }
    if (outcome.result() == StepOutcome.END) {
      send();
      return false;
    }
    return true;
  }

  private Future<StepOutcome> invoke(Section section, PolicyStep step) {
    context.section(section);
    Future<StepOutcome> result;
    try {
      result = step.apply(context);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    if (result == null) {
      result =
          Future.failedFuture(new IllegalStateException("step " + step.name() + " returned null"));
    }
    return result;
  }

  private void onError(Throwable cause) {
    if (context.isClientGone()) {
      context.response().discardBody();
      return;
    }
    context.lastError(LastError.of(cause, failedSection, failedSource));
    ErrorResponses.fill(context.resetResponse(), PolicyFailure.of(LocatedFailure.unwrap(cause)));
    proceed(Section.ON_ERROR, 0);
  }

  /** Writes the context's response to the client: buffered at once, or as a live relay. */
  private void send() {
    HttpServerResponse out = context.serverRequest().response();
    PolicyContext.Response response = context.response();
    if (context.isClientGone() || out.ended() || out.closed()) {
      response.discardBody();
      return;
    }
    context.runBeforeSend();
    out.setStatusCode(response.status());
    String reason = response.reason().orElse(null);
    if (reason != null && !reason.equals(HttpResponseStatus.valueOf(response.status()).reasonPhrase())) {
      // Only a non-standard phrase is set: the standard status line is encoded once by Netty.
      out.setStatusMessage(reason);
    }
    // The exchange is over for the policies. The response headers are the server response's own
    // (see PolicyContext): cleaned in place, never copied.
    MultiMap headers = response.headers();
    HttpHygiene.strip(headers);
    boolean eventStream = HttpHygiene.isEventStream(headers.get(HttpHeaderNames.CONTENT_TYPE));
    GatewayOptions options = context.env().options();
    if (eventStream) {
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
      if (!headers.contains(HttpHeaderNames.CACHE_CONTROL)) {
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
      }
      if (!headers.contains("x-accel-buffering")) {
        headers.set("x-accel-buffering", "no");
      }
      if (options.compression() && !headers.contains(HttpHeaderNames.CONTENT_ENCODING)) {
        // Vert.x skips compression for "identity" and removes the header.
        headers.set(HttpHeaderNames.CONTENT_ENCODING, "identity");
      }
    }
    // The request body was never forwarded (return-response, error): drain it so the connection
    // can serve the next request.
    context.takeRequestBody().ifPresent(body -> body.resume());
    Optional<PolicyContext.BackendBody> stream = response.takeStream();
    boolean http11 = context.serverRequest().version() == HttpVersion.HTTP_1_1;
    if (stream.isPresent()) {
      if (eventStream || !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
        headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        if (http11) {
          out.setChunked(true);
        }
      }
      StreamRelay relay =
          new StreamRelay(context.vertx(), stream.get(), out, eventStream, options);
      context.onClientGone(relay::clientGone);
      // The status line and headers go out now, not with the first chunk: a client (or a proxy in
      // front) sees the stream open even when the backend's first event is a while away.
      out.writeHead();
      relay.start();
      return;
    }
    // The body may have been replaced by a policy: the length is recomputed, never trusted.
    headers.remove(HttpHeaderNames.CONTENT_LENGTH);
    if (eventStream && http11) {
      out.setChunked(true);
    }
    out.end(response.body().orElse(Buffer.buffer()));
  }

}
