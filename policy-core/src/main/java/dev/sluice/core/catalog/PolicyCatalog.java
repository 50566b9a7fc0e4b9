package dev.sluice.core.catalog;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog: one {@link PolicyDescriptor} per policy Sluice knows, looked up by element name.
 *
 * <p>Immutable and thread-safe. {@link #standard()} holds every APIM policy Sluice describes; the
 * registry below is the one place a new policy is added (one line, kept sorted).
 */
public final class PolicyCatalog {

  /** Every policy Sluice describes, one line each, sorted by policy name (a test checks). */
  static final List<PolicyDescriptor> REGISTRY =
      List.of(
          AuthenticationPolicies.AUTHENTICATION_BASIC,
          AuthenticationPolicies.AUTHENTICATION_CERTIFICATE,
          AuthenticationPolicies.AUTHENTICATION_MANAGED_IDENTITY,
          AiGatewayPolicies.AZURE_OPENAI_EMIT_TOKEN_METRIC,
          AiGatewayPolicies.AZURE_OPENAI_SEMANTIC_CACHE_LOOKUP,
          AiGatewayPolicies.AZURE_OPENAI_SEMANTIC_CACHE_STORE,
          AiGatewayPolicies.AZURE_OPENAI_TOKEN_LIMIT,
          FlowPolicies.BASE,
          CachingPolicies.CACHE_LOOKUP,
          CachingPolicies.CACHE_LOOKUP_VALUE,
          CachingPolicies.CACHE_REMOVE_VALUE,
          CachingPolicies.CACHE_STORE,
          CachingPolicies.CACHE_STORE_VALUE,
          AccessPolicies.CHECK_HEADER,
          FlowPolicies.CHOOSE,
          AccessPolicies.CORS,
          LoggingPolicies.EMIT_METRIC,
          TransformationPolicies.FIND_AND_REPLACE,
          RoutingPolicies.FORWARD_REQUEST,
          FlowPolicies.INCLUDE_FRAGMENT,
          AccessPolicies.IP_FILTER,
          TransformationPolicies.JSON_TO_XML,
          RateLimitPolicies.LIMIT_CONCURRENCY,
          AiGatewayPolicies.LLM_CONTENT_SAFETY,
          AiGatewayPolicies.LLM_EMIT_TOKEN_METRIC,
          AiGatewayPolicies.LLM_SEMANTIC_CACHE_LOOKUP,
          AiGatewayPolicies.LLM_SEMANTIC_CACHE_STORE,
          AiGatewayPolicies.LLM_TOKEN_LIMIT,
          LoggingPolicies.LOG_TO_EVENTHUB,
          TransformationPolicies.MOCK_RESPONSE,
          RoutingPolicies.PROXY,
          RateLimitPolicies.QUOTA,
          RateLimitPolicies.QUOTA_BY_KEY,
          RateLimitPolicies.RATE_LIMIT,
          RateLimitPolicies.RATE_LIMIT_BY_KEY,
          TransformationPolicies.REDIRECT_CONTENT_URLS,
          FlowPolicies.RETRY,
          TransformationPolicies.RETURN_RESPONSE,
          TransformationPolicies.REWRITE_URI,
          RoutingPolicies.SEND_ONE_WAY_REQUEST,
          RoutingPolicies.SEND_REQUEST,
          RoutingPolicies.SET_BACKEND_SERVICE,
          TransformationPolicies.SET_BODY,
          TransformationPolicies.SET_HEADER,
          TransformationPolicies.SET_METHOD,
          TransformationPolicies.SET_QUERY_PARAMETER,
          TransformationPolicies.SET_STATUS,
          TransformationPolicies.SET_VARIABLE,
          LoggingPolicies.TRACE,
          AuthenticationPolicies.VALIDATE_AZURE_AD_TOKEN,
          ValidationPolicies.VALIDATE_CONTENT,
          ValidationPolicies.VALIDATE_HEADERS,
          AuthenticationPolicies.VALIDATE_JWT,
          ValidationPolicies.VALIDATE_PARAMETERS,
          ValidationPolicies.VALIDATE_STATUS_CODE,
          FlowPolicies.WAIT,
          TransformationPolicies.XML_TO_JSON,
          TransformationPolicies.XSL_TRANSFORM);

  private static final PolicyCatalog STANDARD = new PolicyCatalog(REGISTRY);

  private final ImmutableSortedMap<String, PolicyDescriptor> byName;
  /** The same descriptors hashed: the reader looks up every element it reads. */
  private final Map<String, PolicyDescriptor> index;

  private PolicyCatalog(List<PolicyDescriptor> descriptors) {
    ImmutableSortedMap.Builder<String, PolicyDescriptor> builder = ImmutableSortedMap.naturalOrder();
    for (PolicyDescriptor descriptor : descriptors) {
      builder.put(descriptor.name(), descriptor);
    }
    this.byName = builder.buildOrThrow();
    this.index = Map.copyOf(byName);
  }

  /** The catalog of every policy Sluice describes. */
  public static PolicyCatalog standard() {
    return STANDARD;
  }

  /** A catalog of exactly these descriptors (for tests and extensions). */
  public static PolicyCatalog of(Collection<PolicyDescriptor> descriptors) {
    return new PolicyCatalog(List.copyOf(descriptors));
  }

  public Optional<PolicyDescriptor> find(String name) {
    return Optional.ofNullable(index.get(name));
  }

  /** Every descriptor, sorted by name. */
  public List<PolicyDescriptor> all() {
    return List.copyOf(byName.values());
  }
}
