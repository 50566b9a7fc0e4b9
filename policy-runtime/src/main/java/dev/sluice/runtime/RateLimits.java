package dev.sluice.runtime;

import dev.sluice.core.graph.GraphNode;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * rate-limit and rate-limit-by-key, in memory: a fixed window of {@code renewal-period} seconds per
 * counter, starting at the counter's first call. Over the limit the exchange fails with {@code 429
 * RateLimitExceeded} and a {@code Retry-After} header (or the configured name). Counters are shared
 * by every event loop of one loaded gateway and are not replicated between gateway instances.
 *
 * <p>rate-limit counts per policy element (Sluice has no subscriptions, so all callers share it);
 * rate-limit-by-key counts per evaluated {@code counter-key}, shared by every policy using the key.
 */
final class RateLimits {
  private RateLimits() {}

  private record Config(
      TextValue calls,
      TextValue period,
      String retryAfterHeader,
      Optional<String> retryAfterVariable,
      Optional<String> remainingHeader,
      Optional<String> remainingVariable,
      Optional<String> totalHeader) {}

  static Optional<PolicyStep> rateLimit(GraphNode node, Compilation compilation) {
    compilation.unsupportedChild(node, "api", "per-API limits of a product are not supported");
    Optional<Config> config = config(node, compilation);
    if (config.isEmpty()) {
      return Optional.empty();
    }
    String counter = "rate-limit@" + node.position();
    SharedState shared = compilation.shared();
    return Optional.of(
        PolicyStep.of(
            "rate-limit",
            context -> check(config.get(), shared, counter, 1, Optional.empty(), context)));
  }

  static Optional<PolicyStep> rateLimitByKey(GraphNode node, Compilation compilation) {
    Optional<Config> config = config(node, compilation);
    Optional<TextValue> key = compilation.required(node, "counter-key");
    Optional<TextValue> condition = compilation.attribute(node, "increment-condition");
    Optional<TextValue> increment = compilation.integer(node, "increment-count", "1", 0, Integer.MAX_VALUE);
    if (config.isEmpty() || key.isEmpty() || increment.isEmpty()) {
      return Optional.empty();
    }
    SharedState shared = compilation.shared();
    return Optional.of(
        PolicyStep.of(
            "rate-limit-by-key",
            context ->
                check(
                    config.get(),
                    shared,
                    "rate-limit-by-key:" + key.get().text(context),
                    (int) increment.get().integer(context),
                    condition,
                    context)));
  }

  private static Optional<Config> config(GraphNode node, Compilation compilation) {
    Optional<TextValue> calls = compilation.integer(node, "calls", "0", 1, Integer.MAX_VALUE);
    Optional<TextValue> period = compilation.integer(node, "renewal-period", "0", 1, 300);
    if (node.attribute("calls").isEmpty() || node.attribute("renewal-period").isEmpty()) {
      compilation.error(node.position(), "<" + node.name() + "> needs calls and renewal-period");
      return Optional.empty();
    }
    if (calls.isEmpty() || period.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Config(
            calls.get(),
            period.get(),
            node.attributeText("retry-after-header-name").orElse("Retry-After"),
            node.attributeText("retry-after-variable-name"),
            node.attributeText("remaining-calls-header-name"),
            node.attributeText("remaining-calls-variable-name"),
            node.attributeText("total-calls-header-name")));
  }

  /**
   * Counts this call, or fails with 429. With an increment condition the call is counted when the
   * exchange ends and the condition (which may read the response) holds; the limit is still checked
   * now.
   */
  private static Future<StepOutcome> check(
      Config config,
      SharedState shared,
      String counter,
      int amount,
      Optional<TextValue> condition,
      PolicyContext context) {
    int limit = (int) config.calls().integer(context);
    long now = System.currentTimeMillis();
    SharedState.Window window = shared.window(counter, config.period().integer(context) * 1000, now);
    int used;
    if (condition.isEmpty()) {
      used = window.tryAdd(amount, limit);
    } else {
      used = window.count() + amount > limit ? -1 : window.count();
      context.onEnd(
          () -> {
            try {
              if (condition.get().bool(context)) {
                window.add(amount);
              }
            } catch (PolicyFailure e) {
              // The exchange is over: a failing condition can no longer be reported; not counted.
              java.util.logging.Logger.getLogger(RateLimits.class.getName())
                  .fine("increment-condition failed: " + e.getMessage());
            }
          });
    }
    if (used < 0) {
      long retryAfter = window.secondsLeft(now);
      config.retryAfterVariable().ifPresent(v -> context.variables().put(v, (int) retryAfter));
      config.remainingVariable().ifPresent(v -> context.variables().put(v, 0));
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(config.retryAfterHeader(), Long.toString(retryAfter));
      config.remainingHeader().ifPresent(h -> headers.put(h, "0"));
      config.totalHeader().ifPresent(h -> headers.put(h, Integer.toString(limit)));
      return Future.failedFuture(
          new PolicyFailure(
              429,
              "RateLimitExceeded",
              "Rate limit is exceeded. Try again in " + retryAfter + " seconds.",
              headers,
              null));
    }
    int remaining = Math.max(0, limit - used);
    config.remainingVariable().ifPresent(v -> context.variables().put(v, remaining));
    if (config.remainingHeader().isPresent() || config.totalHeader().isPresent()) {
      context.beforeSend(
          response -> {
            config.remainingHeader().ifPresent(h -> response.headers().set(h, Integer.toString(remaining)));
            config.totalHeader().ifPresent(h -> response.headers().set(h, Integer.toString(limit)));
          });
    }
    return Outcomes.CONTINUE;
  }
}
