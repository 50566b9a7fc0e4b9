package dev.sluice.core.expr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy expression sees as {@code context}: a read-only view of one exchange, shaped after
 * APIM's {@code IProxyRequestContext}. The runtime implements it over a live exchange; {@link
 * InMemoryExpressionContext} is a plain implementation for tests and tools.
 *
 * <p>Expressions only read through these methods; they never mutate the exchange (except {@link
 * #trace}). Maps of headers and query parameters must look names up case-insensitively for headers,
 * as HTTP does. Implementations are used by one evaluation at a time and need not be thread-safe.
 * Absent parts (no response yet, anonymous caller) are {@link Optional#empty()}, seen as
 * {@code null} by expressions.
 */
public interface ExpressionContext {

  /**
   * {@code context.Variables}: values set by {@code set-variable}, read-only here. A value may also
   * be a {@link Response} (what {@code send-request} stores), which expressions reach with a cast:
   * {@code ((IResponse)context.Variables["name"])}.
   */
  Map<String, Object> variables();

  /** {@code context.Request}. */
  Request request();

  /** {@code context.Response}; empty before the backend answered. */
  Optional<Response> response();

  Optional<Api> api();

  Optional<Operation> operation();

  Optional<Product> product();

  Optional<Subscription> subscription();

  Optional<User> user();

  Deployment deployment();

  /** {@code context.LastError}; present in on-error sections. */
  Optional<LastError> lastError();

  /** {@code context.RequestId}. */
  String requestId();

  /** {@code context.Timestamp}: when the request arrived. */
  Instant timestamp();

  /** {@code context.Elapsed}: time since {@link #timestamp()}. */
  Duration elapsed();

  /** {@code context.Trace(source, message)}: records a trace entry; must not block. */
  void trace(String source, String message);

  /** A message body. Reading it as text holds the whole body in memory (it buffers). */
  interface Body {
    /**
     * The body as text. With {@code preserveContent} false the body is consumed, as in APIM, and
     * later reads return the empty string.
     */
    String asString(boolean preserveContent);
  }

  /** An absolute URL. */
  interface Url {
    String scheme();

    String host();

    /** The port, or -1 when the scheme's default applies. */
    int port();

    String path();

    /** Query parameters by name (case-sensitive), each with all its values. */
    Map<String, List<String>> query();

    /** The query part including its leading {@code ?}, or the empty string. */
    String queryString();
  }

  /** {@code context.Request}. */
  interface Request {
    String method();

    Url url();

    Url originalUrl();

    /** Headers by name, looked up case-insensitively, each with all its values. */
    Map<String, List<String>> headers();

    String ipAddress();

    /** Template parameters of the matched operation. */
    Map<String, String> matchedParameters();

    Optional<Body> body();
  }

  /** {@code context.Response}. */
  interface Response {
    int statusCode();

    String statusReason();

    Map<String, List<String>> headers();

    Optional<Body> body();
  }

  interface Api {
    String id();

    String name();

    String path();

    String version();

    String revision();

    Url serviceUrl();
  }

  interface Operation {
    String id();

    String name();

    String method();

    String urlTemplate();
  }

  interface Product {
    String id();

    String name();
  }

  interface Subscription {
    String id();

    String name();

    String key();

    String primaryKey();

    String secondaryKey();
  }

  interface Group {
    String id();

    String name();
  }

  interface User {
    String id();

    String email();

    String firstName();

    String lastName();

    List<Group> groups();
  }

  interface Deployment {
    String region();

    String serviceName();

    String serviceId();
  }

  interface LastError {
    String source();

    String reason();

    String message();

    String scope();

    String section();

    String path();

    String policyId();
  }
}
