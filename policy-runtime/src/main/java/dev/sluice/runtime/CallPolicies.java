package dev.sluice.runtime;

import dev.sluice.core.graph.GraphNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Policies that call backends: forward-request, send-request, send-one-way-request. */
final class CallPolicies {
  private CallPolicies() {}

  private static final Logger LOG = Logger.getLogger(CallPolicies.class.getName());

  static Optional<PolicyStep> forwardRequest(GraphNode node, Compilation compilation) {
    if (node.attribute("timeout").isPresent() && node.attribute("timeout-ms").isPresent()) {
      compilation.error(node.position(), "forward-request takes timeout or timeout-ms, not both");
      return Optional.empty();
    }
    if (node.attributeText("http-version").map(v -> v.trim().equals("2")).orElse(false)) {
      compilation.error(
          node.attribute("http-version").get().position(),
          "http-version=\"2\" (HTTP/2 only) is not supported towards backends; use 1 or 2or1");
      return Optional.empty();
    }
    boolean millis = node.attribute("timeout-ms").isPresent();
    Optional<TextValue> timeout =
        millis
            ? compilation.integer(node, "timeout-ms", "300000", 1, Integer.MAX_VALUE)
            : compilation.integer(node, "timeout", "300", 1, 24 * 3600);
    Optional<TextValue> followRedirects = compilation.attribute(node, "follow-redirects", "false");
    ForwardRequestOptions base =
        ForwardRequestOptions.defaults()
            .withBufferRequestBody(compilation.literalFlag(node, "buffer-request-body", false))
            .withBufferResponse(compilation.literalFlag(node, "buffer-response", true))
            .withFailOnErrorStatusCode(
                compilation.literalFlag(node, "fail-on-error-status-code", false));
    if (timeout.isEmpty() || followRedirects.isEmpty()) {
      return Optional.empty();
    }
    if (timeout.get().isLiteral() && followRedirects.get().isLiteral()) {
      long amount = Long.parseLong(timeout.get().literalText());
      String follow = followRedirects.get().literalText().trim().toLowerCase(Locale.ROOT);
      if (!follow.equals("true") && !follow.equals("false")) {
        compilation.error(node.position(), "follow-redirects must be true or false");
        return Optional.empty();
      }
      ForwardRequestOptions options =
          base.withTimeout(millis ? Duration.ofMillis(amount) : Duration.ofSeconds(amount))
              .withFollowRedirects(follow.equals("true"));
      return Optional.of(Steps.forwardRequest(options));
    }
    // Expressions: the options are evaluated per exchange.
    return Optional.of(
        PolicyStep.of(
            "forward-request",
            context -> {
              long amount = timeout.get().integer(context);
              if (amount <= 0) {
                throw new PolicyFailure(500, "invalid_timeout", "forward-request timeout must be positive: " + amount);
              }
              ForwardRequestOptions options =
                  base.withTimeout(millis ? Duration.ofMillis(amount) : Duration.ofSeconds(amount))
                      .withFollowRedirects(followRedirects.get().bool(context));
              return Steps.forwardRequest(options).apply(context);
            }));
  }

  static Optional<PolicyStep> sendRequest(GraphNode node, Compilation compilation) {
    Optional<OutboundCall> call = OutboundCall.compile(node, compilation);
    Optional<TextValue> variable = compilation.required(node, "response-variable-name");
    boolean ignoreError = compilation.literalFlag(node, "ignore-error", false);
    if (call.isEmpty() || variable.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "send-request",
            context -> {
              String name = variable.get().text(context);
              Cancellation scope = context.cancellation();
              return call.get()
                  .send(context, scope)
                  .compose(
                      response -> {
                        // A cancelled call (a wait branch that lost) never stores its result.
                        if (scope.isCancelled()) {
                          return Future.failedFuture(Cancellation.failure());
                        }
                        context.variables().put(name, response);
                        return Outcomes.CONTINUE;
                      })
                  .recover(
                      err -> {
                        if (ignoreError && !scope.isCancelled()) {
                          context.variables().put(name, null);
                          return Outcomes.CONTINUE;
                        }
                        return Future.failedFuture(err);
                      });
            }));
  }

  static Optional<PolicyStep> sendOneWayRequest(GraphNode node, Compilation compilation) {
    Optional<OutboundCall> call = OutboundCall.compile(node, compilation);
    if (call.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "send-one-way-request",
            context -> {
              // Fire and forget: the request outlives the scope that sent it.
              call.get()
                  .send(context, Cancellation.NONE)
                  .onFailure(
                      err -> LOG.log(Level.FINE, "send-one-way-request failed: " + err.getMessage(), err));
              return Outcomes.CONTINUE;
            }));
  }

  /** The request of a send-request or send-one-way-request, compiled. */
  record OutboundCall(
      Optional<TextValue> mode,
      Optional<TextValue> url,
      Optional<TextValue> method,
      List<HeaderSetter> headers,
      Optional<TextValue> body,
      TextValue timeoutSeconds) {

    static Optional<OutboundCall> compile(GraphNode node, Compilation compilation) {
      compilation.unsupportedChild(node, "authentication-certificate", "client certificates are not configured in Sluice");
      compilation.unsupportedChild(node, "authentication-managed-identity", "managed identities exist only in Azure");
      compilation.unsupportedChild(node, "proxy", "outbound proxies are not supported");
      Optional<TextValue> mode = compilation.attribute(node, "mode");
      Optional<TextValue> url = node.child("set-url").flatMap(compilation::text);
      Optional<TextValue> method = node.child("set-method").flatMap(compilation::text);
      List<HeaderSetter> headers = new ArrayList<>();
      for (GraphNode header : node.children("set-header")) {
        HeaderSetter.compile(header, compilation).ifPresent(headers::add);
      }
      Optional<TextValue> body =
          node.child("set-body").flatMap(child -> MessagePolicies.BodySetter.compile(child, compilation));
      Optional<TextValue> timeout = compilation.integer(node, "timeout", "60", 1, 24 * 3600);
      boolean copy =
          mode.map(m -> !m.isLiteral() || m.literalText().trim().equalsIgnoreCase("copy")).orElse(false);
      if (url.isEmpty() && !copy) {
        compilation.error(node.position(), "<" + node.name() + "> needs a <set-url> unless mode=\"copy\"");
        return Optional.empty();
      }
      if (timeout.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new OutboundCall(mode, url, method, headers, body, timeout.get()));
    }

    /**
     * Sends the request and reads the whole response (bounded); never blocks. Cancelling {@code
     * scope} resets the request (the backend sees it closed) and cancels the timeout.
     */
    Future<SentResponse> send(PolicyContext context, Cancellation scope) {
      boolean copy = mode.map(m -> m.text(context).trim().equalsIgnoreCase("copy")).orElse(false);
      PolicyContext.Request current = context.request();
      String target = url.isPresent() ? url.get().text(context).trim() : current.url().toString();
      String verb =
          method.isPresent()
              ? method.get().text(context).trim().toUpperCase(Locale.ROOT)
              : copy ? current.method() : "GET";
      MultiMap outgoing = MultiMap.caseInsensitiveMultiMap();
      if (copy) {
        outgoing.addAll(HttpHygiene.endToEnd(current.headers()));
        outgoing.remove("host");
        outgoing.remove("content-length");
      }
      for (HeaderSetter header : headers) {
        header.apply(outgoing, context);
      }
      Buffer payload =
          body.isPresent()
              ? Buffer.buffer(body.get().text(context))
              : copy ? context.bufferedRequestBody().orElse(null) : null;
      long timeoutMillis = timeoutSeconds.integer(context) * 1000;
      RequestOptions options;
      try {
        options =
            new RequestOptions()
                .setAbsoluteURI(target)
                .setMethod(HttpMethod.valueOf(verb))
                .setHeaders(outgoing);
      } catch (RuntimeException e) {
        return Future.failedFuture(
            new PolicyFailure(500, "invalid_request_url", "Cannot send a request to '" + target + "'", e));
      }
      GatewayEnv env = context.env();
      Promise<SentResponse> promise = Promise.promise();
      HttpClientRequest[] pending = new HttpClientRequest[1];
      long timer =
          env.vertx()
              .setTimer(
                  timeoutMillis,
                  id -> {
                    if (pending[0] != null) {
                      pending[0].reset();
                    }
                    promise.tryFail(
                        new PolicyFailure(
                            504, "request_timeout", "No response from " + target + " within " + timeoutMillis + " ms"));
                  });
      scope.onCancel(
          () -> {
            if (promise.tryFail(Cancellation.failure())) {
              env.vertx().cancelTimer(timer);
              if (pending[0] != null) {
                pending[0].reset();
              }
            }
          });
      env.client()
          .request(options)
          .compose(
              request -> {
                if (promise.future().isComplete()) {
                  // Cancelled or timed out while the connection was being made: never send it.
                  request.reset();
                  return Future.failedFuture(Cancellation.failure());
                }
                pending[0] = request;
                return payload == null ? request.send() : request.send(payload);
              })
          .compose(
              response -> {
                response.pause();
                GatewayOptions limits = env.options();
                return BodyCollector.collect(
                        env.vertx(),
                        response,
                        limits.maxBufferedResponseBytes(),
                        timeoutMillis,
                        () ->
                            new PolicyFailure(
                                502, "response_too_large", "The response of " + target + " is too large"),
                        () -> new PolicyFailure(504, "request_timeout", "The response of " + target + " stalled"))
                    .map(
                        buffer -> {
                          Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
                          for (Map.Entry<String, String> header : response.headers()) {
                            headers.computeIfAbsent(header.getKey(), k -> new ArrayList<>()).add(header.getValue());
                          }
                          return new SentResponse(
                              response.statusCode(),
                              response.statusMessage() == null ? "" : response.statusMessage(),
                              headers,
                              buffer.toString());
                        });
              })
          .onComplete(
              ar -> {
                env.vertx().cancelTimer(timer);
                if (ar.succeeded()) {
                  promise.tryComplete(ar.result());
                } else {
                  Throwable cause = ar.cause();
                  promise.tryFail(
                      cause instanceof PolicyFailure
                          ? cause
                          : new PolicyFailure(
                              502,
                              "request_failed",
                              "The request to " + target + " failed: " + cause.getMessage(),
                              cause));
                }
              });
      return promise.future();
    }
  }
}
