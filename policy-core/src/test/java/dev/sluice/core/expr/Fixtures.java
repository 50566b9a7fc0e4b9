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

  /**
   * A signed-looking token: header {"alg":"RS256","typ":"JWT","kid":"k1"}; payload with iss, sub,
   * aud (two), exp 1715000000, nbf and iat 1714990000, jti, oid, roles (two), scp, a boolean, a
   * number, a non-ASCII name and an object claim. The signature is "sig", unchecked.
   */
  static final String ID_TOKEN =
      "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0."
          + "eyJpc3MiOiJodHRwczovL2xvZ2luLmNvbnRvc28uY29tLyIsInN1YiI6InUtMSIsImF1ZCI6WyJhcGk6Ly9vcmRlcnMi"
          + "LCJhcGk6Ly9iaWxsaW5nIl0sImV4cCI6MTcxNTAwMDAwMCwibmJmIjoxNzE0OTkwMDAwLCJpYXQiOjE3MTQ5OTAwMDAs"
          + "Imp0aSI6InRvay03Iiwib2lkIjoib2lkLTEyMyIsInJvbGVzIjpbInJlYWRlciIsIndyaXRlciJdLCJzY3AiOiJvcmRl"
          + "cnMucmVhZCIsImVtYWlsX3ZlcmlmaWVkIjp0cnVlLCJhZ2UiOjQyLCJuYW1lIjoiQWRhIEzDtnZlbGFjZSIsImV4dCI6"
          + "eyJhIjoxfX0.c2ln";

  /** An unsigned token: {"alg":"none"}, payload {"aud":"single","exp":"soon"}, empty signature. */
  static final String UNSIGNED_TOKEN = "eyJhbGciOiJub25lIn0.eyJhdWQiOiJzaW5nbGUiLCJleHAiOiJzb29uIn0.";

  /** A send-request response stored in a variable, as {@code response-variable-name} does. */
  static final String TOKEN_RESPONSE_BODY = "{\"access_token\": \"tok-1\", \"expires_in\": 3600}";

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
    context.setVariable("idToken", ID_TOKEN);
    context.setVariable("unsignedToken", UNSIGNED_TOKEN);
    context.setVariable("basicAuth", "Basic YWRhOnMzY3I6ZXQ=");
    context.setVariable(
        "tokenResponse",
        InMemoryExpressionContext.response(
            201, "Created", Map.of("Content-Type", List.of("application/json"), "X-Token-Id", List.of("t1", "t2")), TOKEN_RESPONSE_BODY));
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
