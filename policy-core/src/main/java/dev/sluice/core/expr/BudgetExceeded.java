package dev.sluice.core.expr;

/** The evaluation went over its step or output budget; no {@code catch} clause can stop it. */
final class BudgetExceeded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BudgetExceeded(String message) {
    super(message, null, false, false);
  }
}
