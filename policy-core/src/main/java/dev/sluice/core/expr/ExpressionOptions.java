package dev.sluice.core.expr;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Limits for compiling and evaluating expressions.
 *
 * @param maxSteps evaluation steps (operators, calls, loop iterations, characters scanned by
 *     regular expressions) one evaluation may take before it fails
 * @param maxOutputChars the longest text or largest collection one evaluation may build
 * @param maxNesting how deeply expressions and statements may nest (guards the parser's stack)
 * @param maxCodeLength the longest expression code accepted
 */
public record ExpressionOptions(long maxSteps, int maxOutputChars, int maxNesting, int maxCodeLength) {

  public ExpressionOptions {
    checkArgument(maxSteps > 0, "maxSteps must be positive: %s", maxSteps);
    checkArgument(maxOutputChars > 0, "maxOutputChars must be positive: %s", maxOutputChars);
    checkArgument(maxNesting > 0 && maxNesting <= 500, "maxNesting must be in 1..500: %s", maxNesting);
    checkArgument(maxCodeLength > 0, "maxCodeLength must be positive: %s", maxCodeLength);
  }

  /** 1,000,000 steps, 16M characters, nesting 100, 64 KiB of code. */
  public static ExpressionOptions defaults() {
    return new ExpressionOptions(1_000_000, 16 * 1024 * 1024, 100, 64 * 1024);
  }

  public ExpressionOptions withMaxSteps(long steps) {
    return new ExpressionOptions(steps, maxOutputChars, maxNesting, maxCodeLength);
  }

  public ExpressionOptions withMaxOutputChars(int chars) {
    return new ExpressionOptions(maxSteps, chars, maxNesting, maxCodeLength);
  }
}
