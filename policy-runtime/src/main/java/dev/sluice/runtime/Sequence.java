package dev.sluice.runtime;

import io.vertx.core.Future;
import java.util.List;

/** Runs nested steps in order, stopping at the first {@link StepOutcome#END} or failure. */
final class Sequence {
  private Sequence() {}

  static Future<StepOutcome> run(List<PolicyStep> steps, PolicyContext context) {
    Future<StepOutcome> chain = Outcomes.CONTINUE;
    for (PolicyStep step : steps) {
      chain =
          chain.compose(
              outcome ->
                  outcome == StepOutcome.END
                      ? Future.succeededFuture(outcome)
                      : step.apply(context));
    }
    return chain;
  }
}
