package dev.sluice.core.expr;

import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import dev.sluice.core.SourcePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A realistic exchange and helpers shared by the expression tests. */
final class Fixtures {
  private Fixtures() {}

  static final String REQUEST_BODY =
      "{\"id\": 42, \"customer\": {\"name\": \"Ada\", \"email\": \"ada@example.com\", \"tier\": \"gold\"},"
          + " \"items\": [{\"sku\": \"A1\", \"qty\": 2, \"price\": 9.5}, {\"sku\": \"B2\", \"qty\": 1, \"price\": 20}],"
          + " \"stream\": true, \"tags\": [\"x\", \"y\"], \"note\": null}";

  static final String RESPONSE_BODY = "{\"status\": \"ok\", \"data\": {\"value\": 7, \"secret\": \"s3\"}}";

  /** A fresh context (bodies are consumed by reads, so each test gets its own). */
  static InMemoryExpressionContext context() {
    InMemoryExpressionContext.Builder b =
        InMemoryExpressionContext.builder()
            .method("POST")
            .url("https://api.contoso.com/orders/42?api-version=2024-01-01&tag=a&tag=b")
            .originalUrl("https://gateway.contoso.com/shop/orders/42?api-version=2024-01-01&tag=a&tag=b")
            .header("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyMSJ9.sig")
            .header("Content-Type", "application/json")
            .header("X-Correlation-Id", "corr-123")
            .header("Accept", "text/event-stream")
            .header("X-Forwarded-For", "10.0.0.1")
            .header("X-Forwarded-For", "10.0.0.2")
            .header("Ocp-Apim-Subscription-Key", "key-1")
            .header("X-Tenant", "contoso")
            .ipAddress("10.1.2.3")
            .matchedParameter("orderId", "42")
            .requestBody(REQUEST_BODY)
            .response(200, "OK")
            .responseHeader("Content-Type", "application/json")
            .responseHeader("X-Backend", "b1")
            .responseBody(RESPONSE_BODY)
            .variable("userId", "user-1")
            .variable("retries", 3)
            .variable("isAdmin", true)
            .variable("tier", "gold")
            .variable("big", 5_000_000_000L)
            .variable("ratio", 0.25)
            .variable("roles", Library.array("reader", "writer"))
            .api("orders-api", "Orders", "shop", "https://backend.contoso.com/api")
            .operation("get-order", "GetOrder", "GET", "/orders/{orderId}")
            .product("starter", "Starter")
            .subscription("sub-1", "Ada's subscription", "key-1")
            .user("u-1", "ada@example.com", "Ada", "Lovelace", List.of("Administrators", "Developers"))
            .deployment("West Europe", "contoso-apim")
            .lastError("forward-request", "BackendConnectionFailure", "The backend did not answer")
            .requestId("0f8fad5b-d9cb-469f-a165-70867728950e")
            .timestamp(Instant.parse("2024-05-06T07:08:09.123Z"))
            .elapsed(Duration.ofMillis(1500));
    InMemoryExpressionContext context = b.build();
    context.setVariable("payload", JsonText.parse("{\"a\": 1, \"b\": [1, 2]}", null));
    return context;
  }

  static Expression expression(String text) {
    return new Expression(
        text.startsWith("@{") ? Expression.Kind.BLOCK : Expression.Kind.INLINE, text, SourcePosition.of("policy.xml", 1, 1));
  }

  static LoadResult<CompiledExpression> compile(String text) {
    return ExpressionCompiler.create().compile(expression(text), Map.of("backend-key", "k-123", "region", "weu"));
  }

  /** Compiles and evaluates against a fresh {@link #context()}. */
  static EvalResult run(String text) {
    LoadResult<CompiledExpression> result = compile(text);
    if (result.value().isEmpty()) {
      throw new AssertionError("did not compile: " + result.diagnostics());
    }
    return result.value().get().evaluate(context());
  }

  static String text(String text) {
    EvalResult r = run(text);
    if (r instanceof EvaluationFailure f) {
      throw new AssertionError("failed: " + f);
    }
    return ((EvalResult.Success) r).text();
  }
}
