package dev.sluice.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Ends the work one part of an exchange started, such as the branches of a {@code wait} that are no
 * longer needed: a step that holds something in flight (a backend request, a timer) registers how
 * to stop it, and a step that would store a result checks {@link #isCancelled()} first.
 *
 * <p>The part of the exchange a step belongs to is {@link PolicyContext#cancellation()} while the
 * step's {@code apply} runs; a step that continues later (in a callback) captures it first. Scopes
 * nest: cancelling one cancels the scopes made from it. Event-loop confined.
 */
final class Cancellation {
  /** The exchange's main line: never cancelled, so nothing registered on it is kept. */
  static final Cancellation NONE = new Cancellation();

  private List<Runnable> actions;
  private boolean cancelled;

  private Cancellation() {}

  /** A scope cancelled with this one, or on its own. */
  Cancellation child() {
    Cancellation child = new Cancellation();
    onCancel(child::cancel);
    return child;
  }

  boolean isCancelled() {
    return cancelled;
  }

  /** Runs {@code action} once when this scope is cancelled (now, if it already is). */
  void onCancel(Runnable action) {
    if (this == NONE) {
      return;
    }
    if (cancelled) {
      action.run();
      return;
    }
    if (actions == null) {
      actions = new ArrayList<>(2);
    }
    actions.add(action);
  }

  /** Cancels this scope: every registered action runs once, in order. */
  void cancel() {
    if (this == NONE || cancelled) {
      return;
    }
    cancelled = true;
    if (actions != null) {
      List<Runnable> pending = actions;
      actions = null;
      pending.forEach(Runnable::run);
    }
  }

  /** The failure a cancelled step ends with; nothing waits for it any more. */
  static PolicyFailure failure() {
    return new PolicyFailure(500, "policy_cancelled", "The policy was ended: its result is no longer needed");
  }
}
