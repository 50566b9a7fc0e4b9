package dev.sluice.core.expr;

/** The mutable state of one evaluation: locals, the budget and the pending return value. */
final class Frame {
  final ExpressionContext context;
  final Object[] locals;
  private final long maxSteps;
  private final int maxChars;
  private long steps;
  Object result;

  Frame(ExpressionContext context, int localCount, long maxSteps, int maxChars) {
    this.context = context;
    this.locals = new Object[localCount];
    this.maxSteps = maxSteps;
    this.maxChars = maxChars;
  }

  void tick() {
    if (++steps > maxSteps) {
      throw new BudgetExceeded("the expression ran more than " + maxSteps + " steps");
    }
  }

  void tick(long n) {
    steps += n;
    if (steps > maxSteps) {
      throw new BudgetExceeded("the expression ran more than " + maxSteps + " steps");
    }
  }

  /** Checks a produced string against the output budget. */
  String text(String s) {
    if (s != null && s.length() > maxChars) {
      throw new BudgetExceeded("the expression produced a text longer than " + maxChars + " characters");
    }
    return s;
  }

  /** Checks the length of a text being built. */
  void length(int n) {
    if (n > maxChars) {
      throw new BudgetExceeded("the expression produced a text longer than " + maxChars + " characters");
    }
  }

  /** Checks a planned length (of a string or a collection) before building it. */
  void size(long n) {
    if (n > maxChars) {
      throw new BudgetExceeded("the expression produced a value larger than " + maxChars + " elements");
    }
    tick(n / 64);
  }
}
