package dev.sluice.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one API gateway is configured with: the policy document of every scope (global,
 * products, APIs, operations), the policy fragments, the named values, and the facts about the
 * deployment that lint rules need (which operations stream Server-Sent Events, the tier, a proxy in
 * front of the gateway).
 *
 * <p>Immutable and thread-safe. A scope whose policy document is absent has no file: APIM then
 * inherits the parent scope unchanged (see {@code PolicyGraph}). Every part records where it was
 * declared ({@code source}), so that diagnostics and findings about it can point there. Product
 * membership is stated once, on the product ({@link Product#apiIds()}); {@link #productsOf(String)}
 * answers it from the API's side. Maps keep declaration order.
 *
 * @param globalPolicy the global ("All APIs") policy, if a file was given
 * @param products products in declaration order, ids unique
 * @param apis APIs in declaration order, ids unique
 * @param fragments policy fragments by id
 * @param namedValues named values by name
 * @param tier the APIM tier the configuration targets ({@code Consumption}, {@code Premium}, ...)
 * @param frontProxy a proxy or load balancer in front of the gateway, if declared
 * @param logging the request logging (APIM diagnostics) settings, gateway-wide and per API
 * @param source where the gateway was declared: a descriptor file, an extract folder, a policy file
 */
public record Gateway(
    Optional<PolicyDocument> globalPolicy,
    List<Product> products,
    List<Api> apis,
    Map<String, PolicyDocument> fragments,
    Map<String, NamedValue> namedValues,
    Optional<String> tier,
    Optional<FrontProxy> frontProxy,
    List<LoggingSettings> logging,
    SourcePosition source) {

  public Gateway {
    requireNonNull(globalPolicy, "globalPolicy");
    products = List.copyOf(products);
    apis = List.copyOf(apis);
    fragments = ImmutableMap.copyOf(fragments);
    namedValues = ImmutableMap.copyOf(namedValues);
    requireNonNull(tier, "tier");
    requireNonNull(frontProxy, "frontProxy");
    logging = List.copyOf(logging);
    requireNonNull(source, "source");
    checkUnique(products.stream().map(Product::id).toList(), "product");
    checkUnique(apis.stream().map(Api::id).toList(), "API");
    fragments.forEach(
        (id, document) ->
            checkArgument(
                document.kind() == PolicyDocument.Kind.FRAGMENT, "fragment %s is not a <fragment>", id));
  }

  /** A gateway with no request logging settings. */
  public Gateway(
      Optional<PolicyDocument> globalPolicy,
      List<Product> products,
      List<Api> apis,
      Map<String, PolicyDocument> fragments,
      Map<String, NamedValue> namedValues,
      Optional<String> tier,
      Optional<FrontProxy> frontProxy,
      SourcePosition source) {
    this(globalPolicy, products, apis, fragments, namedValues, tier, frontProxy, List.of(), source);
  }

  /** A gateway with only these APIs and fragments, no global policy and nothing else declared. */
  public static Gateway of(
      List<Api> apis, Map<String, PolicyDocument> fragments, SourcePosition source) {
    return new Gateway(
        Optional.empty(), List.of(), apis, fragments, Map.of(), Optional.empty(), Optional.empty(), source);
  }

  /**
   * The logging settings that cover an API: its own, and the gateway-wide ones it does not override
   * with a setting of the same id (as APIM's API diagnostics override the all-APIs ones).
   */
  public List<LoggingSettings> loggingOf(String apiId) {
    List<LoggingSettings> own =
        logging.stream().filter(s -> s.apiId().filter(apiId::equals).isPresent()).toList();
    List<LoggingSettings> result = new ArrayList<>();
    for (LoggingSettings settings : logging) {
      if (settings.apiId().isEmpty() && own.stream().noneMatch(o -> o.id().equals(settings.id()))) {
        result.add(settings);
      }
    }
    result.addAll(own);
    return List.copyOf(result);
  }

  public Optional<Api> api(String apiId) {
    return apis.stream().filter(api -> api.id().equals(apiId)).findFirst();
  }

  public Optional<Product> product(String productId) {
    return products.stream().filter(product -> product.id().equals(productId)).findFirst();
  }

  public Optional<Operation> operation(String apiId, String operationId) {
    return api(apiId).flatMap(api -> api.operation(operationId));
  }

  /** Every operation of every API, APIs and operations in declaration order. */
  public List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    for (Api api : apis) {
      all.addAll(api.operations());
    }
    return List.copyOf(all);
  }

  /** The products that include this API, in declaration order; empty when it is in none. */
  public List<Product> productsOf(String apiId) {
    return products.stream().filter(product -> product.apiIds().contains(apiId)).toList();
  }

  public Optional<PolicyDocument> fragment(String fragmentId) {
    return Optional.ofNullable(fragments.get(fragmentId));
  }

  public Optional<NamedValue> namedValue(String name) {
    return Optional.ofNullable(namedValues.get(name));
  }

  /**
   * Every policy document of the gateway with the scope it is attached to, global first, then
   * products, APIs and their operations in declaration order. Fragments are not attached to a scope
   * and are not listed.
   */
  public List<ScopedDocument> scopedDocuments() {
    List<ScopedDocument> all = new ArrayList<>();
    globalPolicy.ifPresent(document -> all.add(new ScopedDocument(Scope.GLOBAL, document)));
    for (Product product : products) {
      product.policy().ifPresent(document -> all.add(new ScopedDocument(product.scope(), document)));
    }
    for (Api api : apis) {
      api.policy().ifPresent(document -> all.add(new ScopedDocument(api.scope(), document)));
      for (Operation operation : api.operations()) {
        operation
            .policy()
            .ifPresent(document -> all.add(new ScopedDocument(operation.scope(), document)));
      }
    }
    return List.copyOf(all);
  }

  private static void checkUnique(List<String> ids, String what) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      checkArgument(seen.add(id), "duplicate %s id: %s", what, id);
    }
  }

  /** A policy document and the scope it is attached to. */
  public record ScopedDocument(Scope scope, PolicyDocument document) {
    public ScopedDocument {
      requireNonNull(scope, "scope");
      requireNonNull(document, "document");
    }
  }

  /**
   * A product: a set of APIs sold together, with its own policy applied between the global and the
   * API scope for calls made with a subscription to it.
   */
  public record Product(
      String id, Optional<PolicyDocument> policy, List<String> apiIds, SourcePosition source) {
    public Product {
      requireNonNull(id, "id");
      requireNonNull(policy, "policy");
      apiIds = List.copyOf(apiIds);
      requireNonNull(source, "source");
    }

    public Scope scope() {
      return Scope.product(id);
    }
  }

  /**
   * An API: its URL suffix on the gateway ({@code path}), the backend it forwards to when no policy
   * says otherwise, its policy and its operations.
   */
  public record Api(
      String id,
      String path,
      Optional<String> backendUrl,
      Optional<PolicyDocument> policy,
      List<Operation> operations,
      SourcePosition source) {
    public Api {
      requireNonNull(id, "id");
      requireNonNull(path, "path");
      requireNonNull(backendUrl, "backendUrl");
      requireNonNull(policy, "policy");
      operations = List.copyOf(operations);
      requireNonNull(source, "source");
      Set<String> seen = new HashSet<>();
      for (Operation operation : operations) {
        checkArgument(
            operation.apiId().equals(id), "operation %s belongs to API %s, not %s",
            operation.id(), operation.apiId(), id);
        checkArgument(seen.add(operation.id()), "duplicate operation id in API %s: %s", id, operation.id());
      }
    }

    public Optional<Operation> operation(String operationId) {
      return operations.stream().filter(op -> op.id().equals(operationId)).findFirst();
    }

    public Scope scope() {
      return Scope.api(id);
    }
  }

  /**
   * One operation of an API.
   *
   * @param method the HTTP method, upper case, or {@code "*"} when unknown (any method)
   * @param urlTemplate the URL template relative to the API path, such as {@code /users/{id}}
   * @param streaming whether the operation's responses are a Server-Sent Events stream
   *     ({@code text/event-stream}) that must be relayed event by event
   * @param maxEventGap for a stream, the longest time the backend may stay silent between two events,
   *     when declared; idle timeouts shorter than this end the stream
   * @param examples the response examples its specification gives, in declaration order (what
   *     {@code mock-response} answers with); empty when it gives none or there is no specification
   */
  public record Operation(
      String apiId,
      String id,
      String method,
      String urlTemplate,
      Optional<PolicyDocument> policy,
      boolean streaming,
      Optional<Duration> maxEventGap,
      SourcePosition source,
      List<ResponseExample> examples) {

    /** The method of an operation whose method is not known: any. */
    public static final String ANY_METHOD = "*";

    /** An operation without response examples. */
    public Operation(
        String apiId,
        String id,
        String method,
        String urlTemplate,
        Optional<PolicyDocument> policy,
        boolean streaming,
        Optional<Duration> maxEventGap,
        SourcePosition source) {
      this(apiId, id, method, urlTemplate, policy, streaming, maxEventGap, source, List.of());
    }

    public Operation {
      examples = List.copyOf(examples);
      requireNonNull(apiId, "apiId");
      requireNonNull(id, "id");
      requireNonNull(method, "method");
      requireNonNull(urlTemplate, "urlTemplate");
      requireNonNull(policy, "policy");
      requireNonNull(maxEventGap, "maxEventGap");
      requireNonNull(source, "source");
      checkArgument(streaming || maxEventGap.isEmpty(), "maxEventGap needs a streaming operation: %s", id);
      maxEventGap.ifPresent(
          gap -> checkArgument(!gap.isNegative() && !gap.isZero(), "maxEventGap must be positive: %s", gap));
    }

    public Scope scope() {
      return Scope.operation(apiId, id);
    }
  }

  /**
   * One response example of an operation's specification.
   *
   * @param status the response's status code as the specification keys it, such as {@code 200}
   * @param contentType the media type the example is given for, such as {@code application/json}
   * @param body the example as the response body: text as given, JSON values serialized as JSON
   */
  public record ResponseExample(String status, String contentType, String body) {
    public ResponseExample {
      requireNonNull(status, "status");
      requireNonNull(contentType, "contentType");
      requireNonNull(body, "body");
    }
  }

  /**
   * A named value, referenced as {@code {{name}}} in policies. The value of a secret is often not
   * exported (Key Vault reference, masked extract), hence optional.
   */
  public record NamedValue(String name, Optional<String> value, boolean secret, SourcePosition source) {
    public NamedValue {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      requireNonNull(source, "source");
    }
  }

  /**
   * A proxy or load balancer in front of the gateway. Either setting may be unknown (not declared).
   *
   * @param responseBuffering whether it holds whole responses before relaying them
   * @param requestTimeout how long it lets a request run, streams included, before cutting it
   */
  public record FrontProxy(
      Optional<Boolean> responseBuffering, Optional<Duration> requestTimeout, SourcePosition source) {
    public FrontProxy {
      requireNonNull(responseBuffering, "responseBuffering");
      requireNonNull(requestTimeout, "requestTimeout");
      requireNonNull(source, "source");
    }
  }

  /**
   * One request logging setting (an APIM diagnostic: Application Insights, Azure Monitor), as far
   * as streaming is concerned: how many bytes of each body it logs.
   *
   * @param id the diagnostic's name ({@code applicationinsights}, {@code azuremonitor}, ...)
   * @param apiId the API it belongs to; empty for a gateway-wide (all APIs) setting
   * @param bodies every body it logs with a byte count, zero counts included
   * @param source where the setting is declared
   */
  public record LoggingSettings(
      String id, Optional<String> apiId, List<BodyLogging> bodies, SourcePosition source) {
    public LoggingSettings {
      requireNonNull(id, "id");
      requireNonNull(apiId, "apiId");
      bodies = List.copyOf(bodies);
      requireNonNull(source, "source");
    }
  }

  /**
   * How many bytes of one body a logging setting records.
   *
   * @param message which body, as the settings name it: {@code frontend.request}, {@code
   *     frontend.response}, {@code backend.request}, {@code backend.response}
   * @param bytes the number of bytes logged; zero logs none
   * @param position where the byte count is written
   */
  public record BodyLogging(String message, long bytes, SourcePosition position) {
    public BodyLogging {
      requireNonNull(message, "message");
      checkArgument(bytes >= 0, "bytes must not be negative: %s", bytes);
      requireNonNull(position, "position");
    }

    /** Whether this logs a response body (which, for a stream, is the stream). */
    public boolean isResponse() {
      return message.endsWith(".response");
    }
  }
}
