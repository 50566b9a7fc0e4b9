package dev.sluice.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policies the runtime executes: element name to factory. Adding a policy is one factory and
 * one line here, kept in alphabetical order. A policy not listed fails the load with its position.
 */
final class PolicyRegistry {
  private PolicyRegistry() {}

  private static final Map<String, PolicyFactory> FACTORIES =
      Map.ofEntries(
          Map.entry("check-header", AccessPolicies::checkHeader),
          Map.entry("choose", FlowPolicies::choose),
          Map.entry("cors", CorsPolicy::cors),
          Map.entry("forward-request", CallPolicies::forwardRequest),
          Map.entry("ip-filter", AccessPolicies::ipFilter),
          Map.entry("limit-concurrency", FlowPolicies::limitConcurrency),
          Map.entry("mock-response", MessagePolicies::mockResponse),
          Map.entry("rate-limit", RateLimits::rateLimit),
          Map.entry("rate-limit-by-key", RateLimits::rateLimitByKey),
          Map.entry("retry", FlowPolicies::retry),
          Map.entry("return-response", MessagePolicies::returnResponse),
          Map.entry("rewrite-uri", MessagePolicies::rewriteUri),
          Map.entry("send-one-way-request", CallPolicies::sendOneWayRequest),
          Map.entry("send-request", CallPolicies::sendRequest),
          Map.entry("set-backend-service", MessagePolicies::setBackendService),
          Map.entry("set-body", MessagePolicies::setBody),
          Map.entry("set-header", MessagePolicies::setHeader),
          Map.entry("set-method", MessagePolicies::setMethod),
          Map.entry("set-query-parameter", MessagePolicies::setQueryParameter),
          Map.entry("set-status", MessagePolicies::setStatus),
          Map.entry("set-variable", MessagePolicies::setVariable),
          Map.entry("trace", AccessPolicies::trace),
          Map.entry("wait", FlowPolicies::waitFor));

  static Optional<PolicyFactory> find(String name) {
    return Optional.ofNullable(FACTORIES.get(name));
  }

  /** The names of every executable policy. */
  static Set<String> names() {
    return FACTORIES.keySet();
  }
}
