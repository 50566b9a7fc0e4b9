package dev.sluice.runtime;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.function.Function;

/**
 * One compiled policy of a {@link Pipeline}: the unit the policy graph compiles into.
 *
 * <p>Threading: {@link #apply} is called on the event loop of the exchange and must never block;
 * slow work returns a future completed later on the same context. Outcomes: a succeeded future
 * with {@link StepOutcome#CONTINUE} runs the next step, {@link StepOutcome#END} sends the response
 * now; a failed future (ideally a {@link PolicyFailure}) jumps to the on-error section with {@link
 * LastError} filled in. A step that throws is treated as a failed future.
 *
 * <p>A step is compiled once and shared by every exchange of its operation, so it keeps no
 * per-exchange state outside the {@link PolicyContext}.
 */
public interface PolicyStep {

  /** The policy element name, such as {@code forward-request}; reported as {@code LastError.Source}. */
  String name();

  /** Runs this step for one exchange. */
  Future<StepOutcome> apply(PolicyContext context);

  /** A step from a name and a function, for pipelines built in code. */
  static PolicyStep of(String name, Function<PolicyContext, Future<StepOutcome>> body) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    return new PolicyStep() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Future<StepOutcome> apply(PolicyContext context) {
        return body.apply(context);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
