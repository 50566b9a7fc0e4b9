package dev.sluice.core.expr;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link ExpressionContext} held entirely in memory, built with {@link #builder()}: for tests,
 * tools and as the runtime's container for exchange data once it is read.
 *
 * <p>Not thread-safe. Variables can be changed between evaluations with {@link #setVariable};
 * trace entries are collected in {@link #traces()}. Bodies are plain strings; reading one without
 * {@code preserveContent} consumes it, as in APIM.
 */
public final class InMemoryExpressionContext implements ExpressionContext {

  /** A trace entry written by {@code context.Trace}. */
  public record TraceEntry(String source, String message) {
    public TraceEntry {
      requireNonNull(source, "source");
      requireNonNull(message, "message");
    }
  }

  private final Map<String, Object> variables;
  private final Request request;
  private final Optional<Response> response;
  private final Optional<Api> api;
  private final Optional<Operation> operation;
  private final Optional<Product> product;
  private final Optional<Subscription> subscription;
  private final Optional<User> user;
  private final Deployment deployment;
  private final Optional<LastError> lastError;
  private final String requestId;
  private final Instant timestamp;
  private final Duration elapsed;
  private final List<TraceEntry> traces = new ArrayList<>();

  private InMemoryExpressionContext(Builder b) {
    this.variables = new LinkedHashMap<>(b.variables);
    this.request =
        new RequestData(
            b.method,
            parseUrl(b.url),
            parseUrl(b.originalUrl == null ? b.url : b.originalUrl),
            headerMap(b.requestHeaders),
            b.ipAddress,
            Map.copyOf(b.matchedParameters),
            Optional.ofNullable(b.requestBody).map(TextBody::new));
    this.response =
        b.statusCode < 0
            ? Optional.empty()
            : Optional.of(
                new ResponseData(
                    b.statusCode,
                    b.statusReason,
                    headerMap(b.responseHeaders),
                    Optional.ofNullable(b.responseBody).map(TextBody::new)));
    this.api = Optional.ofNullable(b.api);
    this.operation = Optional.ofNullable(b.operation);
    this.product = Optional.ofNullable(b.product);
    this.subscription = Optional.ofNullable(b.subscription);
    this.user = Optional.ofNullable(b.user);
    this.deployment = new DeploymentData(b.region, b.serviceName, b.serviceName);
    this.lastError = Optional.ofNullable(b.lastError);
    this.requestId = b.requestId;
    this.timestamp = b.timestamp;
    this.elapsed = b.elapsed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sets or replaces a variable, as {@code set-variable} does. */
  public void setVariable(String name, Object value) {
    variables.put(requireNonNull(name, "name"), value);
  }

  /**
   * A response held apart from the exchange, such as the one {@code send-request} stores in its
   * {@code response-variable-name}: put it in a variable and expressions read it with {@code
   * ((IResponse)context.Variables["name"]).Body.As<JObject>()}. Header names are looked up
   * case-insensitively; the body is consumed by a read without {@code preserveContent}, as in APIM.
   */
  public static Response response(int statusCode, String statusReason, Map<String, List<String>> headers, String body) {
    return new ResponseData(
        statusCode,
        requireNonNull(statusReason, "statusReason"),
        headerMap(requireNonNull(headers, "headers")),
        Optional.of(new TextBody(requireNonNull(body, "body"))));
  }

  /** The entries written by {@code context.Trace}, oldest first. */
  public List<TraceEntry> traces() {
    return List.copyOf(traces);
  }

  @Override
  public Map<String, Object> variables() {
    return Collections.unmodifiableMap(variables);
  }

  @Override
  public Request request() {
    return request;
  }

  @Override
  public Optional<Response> response() {
    return response;
  }

  @Override
  public Optional<Api> api() {
    return api;
  }

  @Override
  public Optional<Operation> operation() {
    return operation;
  }

  @Override
  public Optional<Product> product() {
    return product;
  }

  @Override
  public Optional<Subscription> subscription() {
    return subscription;
  }

  @Override
  public Optional<User> user() {
    return user;
  }

  @Override
  public Deployment deployment() {
    return deployment;
  }

  @Override
  public Optional<LastError> lastError() {
    return lastError;
  }

  @Override
  public String requestId() {
    return requestId;
  }

  @Override
  public Instant timestamp() {
    return timestamp;
  }

  @Override
  public Duration elapsed() {
    return elapsed;
  }

  @Override
  public void trace(String source, String message) {
    traces.add(new TraceEntry(source, message == null ? "" : message));
  }

  private static Map<String, List<String>> headerMap(Map<String, List<String>> headers) {
    Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> map.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(map);
  }

  /** Parses an absolute URL into the {@link Url} view. */
  public static Url parseUrl(String url) {
    URI uri = URI.create(url);
    Map<String, List<String>> query = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = Values.unescapeDataString(eq < 0 ? pair : pair.substring(0, eq), true);
        String value = eq < 0 ? "" : Values.unescapeDataString(pair.substring(eq + 1), true);
        query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    query.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new UrlData(
        uri.getScheme() == null ? "https" : uri.getScheme(),
        uri.getHost() == null ? "" : uri.getHost(),
        uri.getPort(),
        path,
        Collections.unmodifiableMap(frozen),
        raw == null ? "" : "?" + raw);
  }

  /** Builds a context; every part has a harmless default. */
  public static final class Builder {
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private String method = "GET";
    private String url = "https://api.example.com/";
    private String originalUrl;
    private final Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private String ipAddress = "127.0.0.1";
    private final Map<String, String> matchedParameters = new LinkedHashMap<>();
    private String requestBody;
    private int statusCode = -1;
    private String statusReason = "";
    private final Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private String responseBody;
    private Api api;
    private Operation operation;
    private Product product;
    private Subscription subscription;
    private User user;
    private LastError lastError;
    private String region = "West Europe";
    private String serviceName = "sluice";
    private String requestId = "00000000-0000-0000-0000-000000000000";
    private Instant timestamp = Instant.EPOCH;
    private Duration elapsed = Duration.ZERO;

    private Builder() {}

    public Builder variable(String name, Object value) {
      variables.put(requireNonNull(name, "name"), value);
      return this;
    }

    public Builder method(String method) {
      this.method = requireNonNull(method, "method");
      return this;
    }

    /** The request URL, absolute. */
    public Builder url(String url) {
      this.url = requireNonNull(url, "url");
      return this;
    }

    public Builder originalUrl(String originalUrl) {
      this.originalUrl = requireNonNull(originalUrl, "originalUrl");
      return this;
    }

    /** Adds a request header value (repeat for several values). */
    public Builder header(String name, String value) {
      requestHeaders.computeIfAbsent(requireNonNull(name, "name"), k -> new ArrayList<>()).add(requireNonNull(value, "value"));
      return this;
    }

    public Builder ipAddress(String ipAddress) {
      this.ipAddress = requireNonNull(ipAddress, "ipAddress");
      return this;
    }

    public Builder matchedParameter(String name, String value) {
      matchedParameters.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    public Builder requestBody(String body) {
      this.requestBody = requireNonNull(body, "body");
      return this;
    }

    /** Makes a response present with this status. */
    public Builder response(int statusCode, String statusReason) {
      this.statusCode = statusCode;
      this.statusReason = requireNonNull(statusReason, "statusReason");
      return this;
    }

    public Builder responseHeader(String name, String value) {
      responseHeaders.computeIfAbsent(requireNonNull(name, "name"), k -> new ArrayList<>()).add(requireNonNull(value, "value"));
      return this;
    }

    public Builder responseBody(String body) {
      this.responseBody = requireNonNull(body, "body");
      if (statusCode < 0) {
        statusCode = 200;
        statusReason = "OK";
      }
      return this;
    }

    public Builder api(String id, String name, String path, String serviceUrl) {
      this.api = new ApiData(id, name, path, "", "1", parseUrl(serviceUrl));
      return this;
    }

    public Builder operation(String id, String name, String method, String urlTemplate) {
      this.operation = new OperationData(id, name, method, urlTemplate);
      return this;
    }

    public Builder product(String id, String name) {
      this.product = new ProductData(id, name);
      return this;
    }

    public Builder subscription(String id, String name, String key) {
      this.subscription = new SubscriptionData(id, name, key, key, key + "-secondary");
      return this;
    }

    /** A signed-in user; {@code groups} are group names (ids are the lower-case names). */
    public Builder user(String id, String email, String firstName, String lastName, List<String> groups) {
      List<Group> list = new ArrayList<>();
      for (String g : groups) {
        list.add(new GroupData(g.toLowerCase(java.util.Locale.ROOT), g));
      }
      this.user = new UserData(id, email, firstName, lastName, List.copyOf(list));
      return this;
    }

    public Builder lastError(String source, String reason, String message) {
      this.lastError = new LastErrorData(source, reason, message, "", "inbound", "", "");
      return this;
    }

    public Builder deployment(String region, String serviceName) {
      this.region = requireNonNull(region, "region");
      this.serviceName = requireNonNull(serviceName, "serviceName");
      return this;
    }

    public Builder requestId(String requestId) {
      this.requestId = requireNonNull(requestId, "requestId");
      return this;
    }

    public Builder timestamp(Instant timestamp) {
      this.timestamp = requireNonNull(timestamp, "timestamp");
      return this;
    }

    public Builder elapsed(Duration elapsed) {
      this.elapsed = requireNonNull(elapsed, "elapsed");
      return this;
    }

    public InMemoryExpressionContext build() {
      return new InMemoryExpressionContext(this);
    }
  }

  private static final class TextBody implements Body {
    private String text;

    TextBody(String text) {
      this.text = text;
    }

    @Override
    public String asString(boolean preserveContent) {
      String current = text;
      if (!preserveContent) {
        text = "";
      }
      return current;
    }
  }

  private record UrlData(
      String scheme, String host, int port, String path, Map<String, List<String>> query, String queryString)
      implements Url {
    @Override
    public String toString() {
      return Values.urlText(this);
    }
  }

  private record RequestData(
      String method,
      Url url,
      Url originalUrl,
      Map<String, List<String>> headers,
      String ipAddress,
      Map<String, String> matchedParameters,
      Optional<Body> body)
      implements Request {}

  private record ResponseData(
      int statusCode, String statusReason, Map<String, List<String>> headers, Optional<Body> body)
      implements Response {}

  private record ApiData(String id, String name, String path, String version, String revision, Url serviceUrl)
      implements Api {}

  private record OperationData(String id, String name, String method, String urlTemplate) implements Operation {}

  private record ProductData(String id, String name) implements Product {}

  private record SubscriptionData(String id, String name, String key, String primaryKey, String secondaryKey)
      implements Subscription {}

  private record GroupData(String id, String name) implements Group {}

  private record UserData(String id, String email, String firstName, String lastName, List<Group> groups)
      implements User {}

  private record DeploymentData(String region, String serviceName, String serviceId) implements Deployment {}

  private record LastErrorData(
      String source, String reason, String message, String scope, String section, String path, String policyId)
      implements LastError {}
}
