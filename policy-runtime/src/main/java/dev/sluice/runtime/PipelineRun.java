package dev.sluice.runtime;

import dev.sluice.core.Section;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

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
    runSection(Section.INBOUND)
        .compose(outcome -> next(outcome, Section.BACKEND))
        .compose(outcome -> next(outcome, Section.OUTBOUND))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                send();
              } else {
                onError(ar.cause());
              }
            });
  }

  private Future<StepOutcome> next(StepOutcome outcome, Section section) {
    return outcome == StepOutcome.END ? Future.succeededFuture(outcome) : runSection(section);
  }

  private Future<StepOutcome> runSection(Section section) {
    Future<StepOutcome> chain = Future.succeededFuture(StepOutcome.CONTINUE);
    for (PolicyStep step : pipeline.steps(section)) {
      chain =
          chain.compose(
              outcome ->
                  outcome == StepOutcome.END ? Future.succeededFuture(outcome) : invoke(section, step));
    }
    return chain;
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
    return result.recover(
        err -> {
          failedSource = step.name();
          failedSection = section;
          return Future.failedFuture(err);
        });
  }

  private void onError(Throwable cause) {
    if (context.isClientGone()) {
      context.response().discardBody();
      return;
    }
    PolicyFailure failure = PolicyFailure.of(LocatedFailure.unwrap(cause));
    StepLocation location =
        LocatedFailure.location(cause).orElse(new StepLocation(failedSource, "", "", ""));
    context.lastError(
        new LastError(
            location.name(),
            failure.key(),
            failure.getMessage(),
            failedSection,
            failure.status(),
            location.scope(),
            location.path(),
            location.policyId()));
    ErrorResponses.fill(context.resetResponse(), failure);
    if (pipeline.onError().isEmpty()) {
      send();
      return;
    }
    runSection(Section.ON_ERROR)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                // A failing on-error handler cannot be handled again; report it plainly.
                ErrorResponses.fill(
                    context.resetResponse(), PolicyFailure.of(LocatedFailure.unwrap(ar.cause())));
              }
              send();
            });
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
    response.reason().ifPresent(out::setStatusMessage);
    MultiMap headers = HttpHygiene.endToEnd(response.headers());
    boolean eventStream = HttpHygiene.isEventStream(headers.get("content-type"));
    GatewayOptions options = context.env().options();
    if (eventStream) {
      headers.remove("content-length");
      if (!headers.contains("cache-control")) {
        headers.set("cache-control", "no-cache");
      }
      if (!headers.contains("x-accel-buffering")) {
        headers.set("x-accel-buffering", "no");
      }
      if (options.compression() && !headers.contains("content-encoding")) {
        // Vert.x skips compression for "identity" and removes the header.
        headers.set("content-encoding", "identity");
      }
    }
    // The request body was never forwarded (return-response, error): drain it so the connection
    // can serve the next request.
    context.takeRequestBody().ifPresent(body -> body.resume());
    Optional<PolicyContext.BackendBody> stream = response.takeStream();
    boolean http11 = context.serverRequest().version() == HttpVersion.HTTP_1_1;
    if (stream.isPresent()) {
      if (eventStream || !headers.contains("content-length")) {
        headers.remove("content-length");
        if (http11) {
          out.setChunked(true);
        }
      }
      out.headers().addAll(headers);
      StreamRelay relay =
          new StreamRelay(context.vertx(), stream.get(), out, eventStream, options);
      context.onClientGone(relay::clientGone);
      relay.start();
      return;
    }
    // The body may have been replaced by a policy: the length is recomputed, never trusted.
    headers.remove("content-length");
    if (eventStream && http11) {
      out.setChunked(true);
    }
    out.headers().addAll(headers);
    out.end(response.body().orElse(Buffer.buffer()));
  }

}
