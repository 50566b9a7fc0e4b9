package dev.sluice.runtime;

import io.vertx.core.Future;

/**
 * Completed step outcomes, shared: a completed future holds no listeners or context, so one
 * instance serves every exchange and a step that finishes at once allocates nothing for it.
 */
final class Outcomes {
  static final Future<StepOutcome> CONTINUE = Future.succeededFuture(StepOutcome.CONTINUE);
  static final Future<StepOutcome> END = Future.succeededFuture(StepOutcome.END);

  private Outcomes() {}
}
