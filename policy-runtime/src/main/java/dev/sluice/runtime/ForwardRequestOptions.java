package dev.sluice.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The configuration of one {@code forward-request}, validated when the pipeline is built.
 *
 * @param timeout time allowed until the backend's response headers arrive; after it the backend
 *     request is reset and the exchange fails with {@code 504 backend_timeout}. The body that
 *     follows is governed by {@link GatewayOptions#streamIdleTimeout()} instead, so a long event
 *     stream is never cut by this value.
 * @param followRedirects follow backend redirects instead of returning them to the caller; only
 *     safe with a buffered or empty request body
 * @param bufferRequestBody read the whole request body (bounded by {@link
 *     GatewayOptions#maxBufferedRequestBytes()}) and send it with a Content-Length, instead of
 *     streaming it
 * @param bufferResponse read the whole response (bounded by {@link
 *     GatewayOptions#maxBufferedResponseBytes()}) before outbound runs; {@code false} relays every
 *     chunk the moment it arrives, which an event stream needs
 * @param failOnErrorStatusCode a backend status from 400 to 599 fails the exchange into on-error
 */
public record ForwardRequestOptions(
    Duration timeout,
    boolean followRedirects,
    boolean bufferRequestBody,
    boolean bufferResponse,
    boolean failOnErrorStatusCode) {

  public ForwardRequestOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** APIM's defaults: 300 s timeout, no redirects, request streamed, response buffered. */
  public static ForwardRequestOptions defaults() {
    return new ForwardRequestOptions(Duration.ofSeconds(300), false, false, true, false);
  }

  /** The defaults with {@code buffer-response="false"}: what an event stream needs. */
  public static ForwardRequestOptions streaming() {
    return defaults().withBufferResponse(false);
  }

  public ForwardRequestOptions withTimeout(Duration value) {
    return new ForwardRequestOptions(
        value, followRedirects, bufferRequestBody, bufferResponse, failOnErrorStatusCode);
  }

  public ForwardRequestOptions withFollowRedirects(boolean value) {
    return new ForwardRequestOptions(
        timeout, value, bufferRequestBody, bufferResponse, failOnErrorStatusCode);
  }

  public ForwardRequestOptions withBufferRequestBody(boolean value) {
    return new ForwardRequestOptions(
        timeout, followRedirects, value, bufferResponse, failOnErrorStatusCode);
  }

  public ForwardRequestOptions withBufferResponse(boolean value) {
    return new ForwardRequestOptions(
        timeout, followRedirects, bufferRequestBody, value, failOnErrorStatusCode);
  }

  public ForwardRequestOptions withFailOnErrorStatusCode(boolean value) {
    return new ForwardRequestOptions(
        timeout, followRedirects, bufferRequestBody, bufferResponse, value);
  }
}
