package dev.sluice.runtime;

import dev.sluice.core.expr.ExpressionContext;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The response of a {@code send-request}, stored in its variable and read by expressions as
 * {@code (IResponse)context.Variables["name"]}. Immutable; the body is fully buffered (bounded by
 * {@link GatewayOptions#maxBufferedResponseBytes()}) and reading it never consumes it.
 */
record SentResponse(int statusCode, String statusReason, Map<String, List<String>> headers, String text)
    implements ExpressionContext.Response {

  SentResponse {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  @Override
  public Optional<ExpressionContext.Body> body() {
    return Optional.of(preserve -> text);
  }
}
