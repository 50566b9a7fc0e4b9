package dev.sluice.runtime;

import dev.sluice.core.graph.GraphNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Policies that direct the flow: choose, retry, wait, limit-concurrency. */
final class FlowPolicies {
  private FlowPolicies() {}

  private static final Logger LOG = Logger.getLogger(FlowPolicies.class.getName());

  private record Branch(TextValue condition, List<PolicyStep> steps) {}

  static Optional<PolicyStep> choose(GraphNode node, Compilation compilation) {
    List<Branch> branches = new ArrayList<>();
    int index = 0;
    String self = compilation.path();
    for (GraphNode when : node.children("when")) {
      index++;
      Optional<TextValue> condition = compilation.required(when, "condition");
      List<PolicyStep> steps =
          compilation.compileNodes(when.children(), Compilation.childPath(self, "when", index));
      condition.ifPresent(c -> branches.add(new Branch(c, steps)));
    }
    List<PolicyStep> otherwise =
        node.child("otherwise")
            .map(o -> compilation.compileNodes(o.children(), Compilation.childPath(self, "otherwise", 1)))
            .orElse(List.of());
    return Optional.of(
        PolicyStep.of(
            "choose",
            context -> {
              for (Branch branch : branches) {
                if (branch.condition().bool(context)) {
                  return Sequence.run(branch.steps(), context);
                }
              }
              return Sequence.run(otherwise, context);
            }));
  }

  /**
   * retry: runs its policies, then again while the condition holds, up to {@code count} more times,
   * waiting between attempts (fixed interval; linear with {@code delta}; exponential with {@code
   * delta} and {@code max-interval}). An attempt that fails is judged by the same condition, with
   * {@code context.LastError} describing the failure and {@code context.Response} null (there is no
   * response); when the condition does not hold, cannot be evaluated, or no retry is left, the
   * failure goes on to on-error. Never re-sends once the client has received a byte of the
   * response; a client that goes away, or a cancelled scope, ends the wait between attempts.
   */
  static Optional<PolicyStep> retry(GraphNode node, Compilation compilation) {
    Optional<TextValue> condition = compilation.required(node, "condition");
    Optional<TextValue> count = compilation.integer(node, "count", "1", 0, 50);
    Optional<TextValue> interval = compilation.integer(node, "interval", "0", 0, 3600);
    Optional<TextValue> maxInterval = node.attribute("max-interval").isPresent()
        ? compilation.integer(node, "max-interval", "0", 0, 3600) : Optional.empty();
    Optional<TextValue> delta = node.attribute("delta").isPresent()
        ? compilation.integer(node, "delta", "0", 0, 3600) : Optional.empty();
    Optional<TextValue> firstFast = compilation.attribute(node, "first-fast-retry", "false");
    List<PolicyStep> steps = compilation.compileNodes(node.children(), compilation.path());
    if (condition.isEmpty() || count.isEmpty() || interval.isEmpty() || firstFast.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "retry",
            context -> {
              RetryPlan plan =
                  new RetryPlan(
                      (int) count.get().integer(context),
                      interval.get().integer(context) * 1000,
                      maxInterval.isPresent() ? maxInterval.get().integer(context) * 1000 : -1,
                      delta.isPresent() ? delta.get().integer(context) * 1000 : -1,
                      firstFast.get().bool(context));
              return attempt(context, steps, condition.get(), plan, 0, context.cancellation());
            }));
  }

  private record RetryPlan(
      int count, long intervalMillis, long maxMillis, long deltaMillis, boolean firstFast) {
    long delay(int retry) {
      if (retry == 1 && firstFast) {
        return 0;
      }
      long value;
      if (deltaMillis < 0) {
        value = intervalMillis;
      } else if (maxMillis < 0) {
        value = intervalMillis + (retry - 1L) * deltaMillis;
      } else {
        value = intervalMillis + ((1L << Math.min(retry - 1, 30)) - 1) * deltaMillis;
      }
      return maxMillis >= 0 ? Math.min(value, maxMillis) : value;
    }
  }

  private static Future<StepOutcome> attempt(
      PolicyContext context,
      List<PolicyStep> steps,
      TextValue condition,
      RetryPlan plan,
      int retry,
      Cancellation scope) {
    return Sequence.run(steps, context, scope)
        .transform(
            done -> {
              boolean again =
                  retry < plan.count()
                      && !scope.isCancelled()
                      && !context.isClientGone()
                      && !context.serverRequest().response().headWritten();
              if (done.succeeded()) {
                // A condition that fails here fails the retry itself, as any expression would.
                if (!again || done.result() == StepOutcome.END || !condition.bool(context)) {
                  return Future.succeededFuture(done.result());
                }
              } else if (!again || !holdsAfterFailure(context, condition, done.cause())) {
                return Future.failedFuture(done.cause());
              }
              // The attempt's response is dropped before the next one is made.
              context.response().discardBody();
              long delay = plan.delay(retry + 1);
              Future<Void> waited = delay <= 0 ? Future.succeededFuture() : pause(context, delay, scope);
              return waited.compose(
                  v -> attempt(context, steps, condition, plan, retry + 1, scope));
            });
  }

  /**
   * Evaluates the condition for an attempt that failed: {@code context.LastError} is that failure
   * and {@code context.Response} is null while it runs. A condition that cannot be evaluated (it
   * reads the absent response, say) does not hold, so on-error sees the attempt's own failure, not
   * the condition's.
   */
  private static boolean holdsAfterFailure(
      PolicyContext context, TextValue condition, Throwable failure) {
    Optional<LastError> outer = context.lastError();
    context.lastError(LastError.of(failure, context.section(), "retry"));
    context.responseWithheld(true);
    try {
      return condition.bool(context);
    } catch (RuntimeException e) {
      LOG.log(
          Level.FINE,
          "retry condition could not judge a failed attempt; the failure goes on: " + e.getMessage(),
          e);
      return false;
    } finally {
      context.responseWithheld(false);
      context.lastError(outer.orElse(null));
    }
  }

  /** Waits between attempts; ends early, failed, when the client goes or the scope is cancelled. */
  private static Future<Void> pause(PolicyContext context, long millis, Cancellation scope) {
    Promise<Void> waited = Promise.promise();
    long timer = context.vertx().setTimer(millis, id -> waited.tryComplete());
    scope.onCancel(
        () -> {
          if (context.vertx().cancelTimer(timer)) {
            waited.tryFail(Cancellation.failure());
          }
        });
    context.onClientGone(
        () -> {
          if (context.vertx().cancelTimer(timer)) {
            waited.tryFail(
                new PolicyFailure(499, "client_closed_request", "The client closed the connection"));
          }
        });
    return waited.future();
  }

  /**
   * wait: starts its policies together and waits for all of them ({@code for="all"}), or for the
   * first to complete successfully ({@code for="any"}; it fails only when all of them fail). The
   * moment the wait is decided (the first success under any, the first failure under all) the
   * policies still running are cancelled: their backend requests are reset, their timers
   * cancelled, and their results never reach the context.
   */
  static Optional<PolicyStep> waitFor(GraphNode node, Compilation compilation) {
    Optional<TextValue> mode = compilation.attribute(node, "for", "all");
    List<PolicyStep> steps = compilation.compileNodes(node.children(), compilation.path());
    if (mode.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "wait",
            context -> {
              boolean any = mode.get().text(context).trim().toLowerCase(Locale.ROOT).equals("any");
              if (steps.isEmpty()) {
                return Outcomes.CONTINUE;
              }
              Cancellation scope = context.cancellation();
              List<Cancellation> branches = new ArrayList<>(steps.size());
              List<Future<StepOutcome>> started = new ArrayList<>(steps.size());
              for (PolicyStep step : steps) {
                Cancellation branch = scope.child();
                branches.add(branch);
                started.add(Sequence.apply(step, context, branch));
              }
              return (any ? Future.any(started) : Future.all(started))
                  .transform(
                      decided -> {
                        branches.forEach(Cancellation::cancel);
                        return decided.succeeded()
                            ? Outcomes.CONTINUE
                            : Future.failedFuture(decided.cause());
                      });
            }));
  }

  /**
   * limit-concurrency: at most {@code max-count} exchanges with the same key run the enclosed
   * policies at once; the slot is held until the exchange ends, a relayed stream included. Over the
   * limit: 429 at once (APIM queues none).
   */
  static Optional<PolicyStep> limitConcurrency(GraphNode node, Compilation compilation) {
    Optional<TextValue> key = compilation.required(node, "key");
    long max = compilation.literalInteger(node, "max-count", 1, 1, Integer.MAX_VALUE);
    if (node.attribute("max-count").isEmpty()) {
      compilation.error(node.position(), "<limit-concurrency> needs max-count");
    }
    List<PolicyStep> steps = compilation.compileNodes(node.children(), compilation.path());
    SharedState shared = compilation.shared();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "limit-concurrency",
            context -> {
              AtomicInteger slots = shared.slots("concurrency:" + key.get().text(context));
              if (slots.incrementAndGet() > max) {
                slots.decrementAndGet();
                return Future.failedFuture(
                    new PolicyFailure(
                        429,
                        "ConcurrencyLimitExceeded",
                        "Too many requests are running at once (limit " + max + ")"));
              }
              context.onEnd(slots::decrementAndGet);
              return Sequence.run(steps, context);
            }));
  }
}
