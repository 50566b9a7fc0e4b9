package dev.sluice.runtime;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The default body of a failed exchange: small JSON with a stable key. */
final class ErrorResponses {
  private ErrorResponses() {}

  static Buffer body(int status, String key, String message) {
    return new JsonObject()
        .put("status", status)
        .put("key", key)
        .put("message", message)
        .toBuffer()
        .appendString("\n");
  }

  /** Fills a fresh response with the default error for a failure. */
  static void fill(PolicyContext.Response response, PolicyFailure failure) {
    response.status(failure.status(), null);
    response.headers().set("content-type", "application/json");
    failure.headers().forEach(response.headers()::set);
    response.body(body(failure.status(), failure.key(), failure.getMessage()));
  }
}
