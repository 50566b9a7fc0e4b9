package dev.sluice.runtime;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * {@code forward-request}: one backend call per exchange. The header timeout runs from the start of
 * the call until the response headers arrive; then the body is either collected (bounded) or handed
 * to the gateway as a paused stream for an unbuffered relay.
 */
final class ForwardRequestStep implements PolicyStep {
  private final ForwardRequestOptions options;

  ForwardRequestStep(ForwardRequestOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "forward-request";
  }

  @Override
  public Future<StepOutcome> apply(PolicyContext context) {
    if (context.isClientGone()) {
      return Future.failedFuture(clientGone());
    }
    return new Call(context).start();
  }

  private static PolicyFailure clientGone() {
    return new PolicyFailure(499, "client_closed_request", "The client closed the connection");
  }

  /** The state of one backend call; confined to the exchange's event loop. */
  private final class Call {
    private final PolicyContext context;
    private final GatewayEnv env;
    private final Promise<StepOutcome> promise = Promise.promise();
    private HttpClientRequest backendRequest;
    /** A client body taken for forwarding but not yet handed to the backend request. */
    private ReadStream<Buffer> pendingBody;
    private boolean abandoned;
    private Timeouts.Timeout headerTimeout;

    Call(PolicyContext context) {
      this.context = context;
      this.env = context.env();
    }

    Future<StepOutcome> start() {
      headerTimeout =
          Timeouts.schedule(
              env.vertx(),
              options.timeout().toMillis(),
              () ->
                  abandon(
                      new PolicyFailure(
                          504,
                          "backend_timeout",
                          "The backend sent no response headers within "
                              + options.timeout().toMillis()
                              + " ms")));
      context.onClientGone(() -> abandon(clientGone()));

      Optional<Buffer> kept = context.bufferedRequestBody();
      if (kept.isPresent()) {
        // Buffered before (a retry, a policy reading or replacing it): send those bytes.
        send(kept.get(), null);
        return promise.future();
      }
      if (!context.clientBody().present()) {
        // Nothing to forward; let the server finish reading the (empty) request.
        context.takeRequestBody().ifPresent(ReadStream::resume);
        send(null, null);
        return promise.future();
      }
      Optional<ReadStream<Buffer>> body = context.takeRequestBody();
      if (body.isEmpty()) {
        abandon(
            new PolicyFailure(
                500,
                "request_body_consumed",
                "The request body was already streamed to a backend; set buffer-request-body=\"true\""
                    + " to send it more than once"));
      } else if (options.bufferRequestBody()) {
        GatewayOptions limits = env.options();
        BodyCollector.collect(
                env.vertx(),
                body.get(),
                limits.maxBufferedRequestBytes(),
                limits.streamIdleTimeout().toMillis(),
                () ->
                    new PolicyFailure(
                        413,
                        "request_body_too_large",
                        "The request body exceeds " + limits.maxBufferedRequestBytes() + " bytes"),
                () -> new PolicyFailure(408, "request_body_timeout", "The request body stalled"))
            .onSuccess(
                buffer -> {
                  context.bufferedRequestBody(buffer);
                  send(buffer, null);
                })
            .onFailure(this::abandon);
      } else {
        pendingBody = body.get();
        send(null, pendingBody);
      }
      return promise.future();
    }

    private void send(Buffer bufferedBody, ReadStream<Buffer> streamedBody) {
      if (abandoned) {
        return;
      }
      PolicyContext.Request request = context.request();
      RequestOptions requestOptions;
      try {
        BackendTarget target = request.target();
        // Host, port and path are set as parts, not as an absolute URI: no URL parsing per request.
        requestOptions =
            new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.ssl())
                .setURI(target.requestUri())
                // The client copies these into the request; the copy is then cleaned in place.
                .setHeaders(request.headers())
                .setFollowRedirects(options.followRedirects());
      } catch (RuntimeException e) {
        abandon(
            new PolicyFailure(
                500, "invalid_backend_url", "Cannot call backend URL " + request.url(), e));
        return;
      }
      env.client()
          .request(requestOptions)
          .onFailure(err -> abandon(connectFailure(err)))
          .onSuccess(
              created -> {
                if (abandoned) {
                  created.reset();
                  return;
                }
                backendRequest = created;
                pendingBody = null;
                outgoingHeaders(created.headers(), streamedBody != null);
                Future<HttpClientResponse> response;
                if (bufferedBody != null) {
                  response = created.send(bufferedBody);
                } else if (streamedBody != null) {
                  response = created.send(streamedBody);
                } else {
                  response = created.send();
                }
                response.onComplete(
                    ar -> {
                      if (ar.succeeded()) {
                        onResponse(ar.result());
                      } else {
                        abandon(connectFailure(ar.cause()));
                      }
                    });
              });
    }

    /**
     * The request's headers as the backend gets them: without hop-by-hop fields (a policy may have
     * set one), Host (the client sets the backend's) and Content-Length (recomputed from the body
     * sent, or the client's own when its body is streamed through).
     */
    private void outgoingHeaders(MultiMap headers, boolean streamed) {
      HttpHygiene.strip(headers);
      headers.remove(HttpHeaderNames.HOST);
      headers.remove(HttpHeaderNames.CONTENT_LENGTH);
      if (streamed) {
        String length = context.clientBody().contentLength();
        if (length != null) {
          headers.set(HttpHeaderNames.CONTENT_LENGTH, length.trim());
        }
      }
    }

    private void onResponse(HttpClientResponse response) {
      if (abandoned) {
        response.request().reset();
        return;
      }
      headerTimeout.cancel();
      int status = response.statusCode();
      if (options.failOnErrorStatusCode() && status >= 400) {
        response.request().reset();
        fail(
            new PolicyFailure(
                status, "backend_error_status", "The backend answered with status " + status));
        return;
      }
      PolicyContext.Response target = context.response();
      target.status(status, response.statusMessage());
      MultiMap headers = target.headers();
      headers.clear();
      HttpHygiene.copyEndToEnd(response.headers(), headers);
      if (options.bufferResponse()) {
        GatewayOptions limits = env.options();
        response.pause();
        BodyCollector.collect(
                env.vertx(),
                response,
                limits.maxBufferedResponseBytes(),
                limits.streamIdleTimeout().toMillis(),
                () ->
                    new PolicyFailure(
                        502,
                        "backend_response_too_large",
                        "The backend response exceeds the buffering limit of "
                            + limits.maxBufferedResponseBytes()
                            + " bytes"),
                () ->
                    new PolicyFailure(
                        504, "backend_stream_idle", "The backend response body stalled"))
            .onSuccess(
                buffer -> {
                  if (!abandoned) {
                    target.headers().remove("content-length");
                    target.body(buffer);
                    promise.tryComplete(StepOutcome.CONTINUE);
                  }
                })
            .onFailure(
                err -> {
                  response.request().reset();
                  fail(
                      err instanceof PolicyFailure failure
                          ? failure
                          : new PolicyFailure(
                              502,
                              "backend_connection_failed",
                              "The backend connection failed while sending the body: "
                                  + err.getMessage(),
                              err));
                });
      } else {
        response.pause();
        target.stream(new PolicyContext.BackendBody(response, () -> response.request().reset()));
        promise.tryComplete(StepOutcome.CONTINUE);
      }
    }

    /** Gives up: the backend request (if any) is reset and the step fails. */
    private void abandon(PolicyFailure failure) {
      if (abandoned || promise.future().isComplete()) {
        return;
      }
      abandoned = true;
      headerTimeout.cancel();
      if (backendRequest != null) {
        backendRequest.reset();
      }
      if (pendingBody != null) {
        // Never forwarded: drain it so the client connection can carry the error response.
        pendingBody.resume();
        pendingBody = null;
      }
      promise.tryFail(failure);
    }

    private void fail(PolicyFailure failure) {
      abandoned = true;
      headerTimeout.cancel();
      promise.tryFail(failure);
    }

    private void abandon(Throwable err) {
      abandon(err instanceof PolicyFailure failure ? failure : connectFailure(err));
    }
  }

  private static PolicyFailure connectFailure(Throwable err) {
    if (err instanceof PolicyFailure failure) {
      return failure;
    }
    String detail = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    if (err instanceof ConnectionPoolTooBusyException) {
      return new PolicyFailure(
          503, "backend_busy", "Too many requests are waiting for a backend connection", err);
    }
    if (err instanceof ConnectException
        || err instanceof UnknownHostException) {
      return new PolicyFailure(
          502, "backend_unreachable", "The backend cannot be reached: " + detail, err);
    }
    return new PolicyFailure(
        502, "backend_connection_failed", "The backend connection failed: " + detail, err);
  }
}
