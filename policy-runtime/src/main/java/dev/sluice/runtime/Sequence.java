package dev.sluice.runtime;

import io.vertx.core.Future;
import java.util.List;

/**
 * Runs nested steps in order, stopping at the first {@link StepOutcome#END} or failure, or when the
 * part of the exchange they belong to is cancelled (a {@code wait} branch that lost).
 */
final class Sequence {
  private Sequence() {}

  /** Runs {@code steps} in the scope of the step now running. */
  static Future<StepOutcome> run(List<PolicyStep> steps, PolicyContext context) {
    return run(steps, context, context.cancellation());
  }

  /** Runs {@code steps} in {@code scope}; for steps started later, from a callback. */
  static Future<StepOutcome> run(List<PolicyStep> steps, PolicyContext context, Cancellation scope) {
    Future<StepOutcome> chain = Outcomes.CONTINUE;
    for (PolicyStep step : steps) {
      chain =
          chain.compose(
              outcome -> {
                if (outcome == StepOutcome.END) {
                  return Outcomes.END;
                }
                return scope.isCancelled()
                    ? Future.failedFuture(Cancellation.failure())
                    : apply(step, context, scope);
              });
    }
    return chain;
  }

  /** Applies one step with {@code scope} as the context's cancellation scope while it starts. */
  static Future<StepOutcome> apply(PolicyStep step, PolicyContext context, Cancellation scope) {
    Cancellation outer = context.cancellation();
    context.cancellation(scope);
    try {
      return step.apply(context);
    } finally {
      context.cancellation(outer);
    }
  }
}
