package dev.sluice.core.expr;

import java.util.Optional;

/**
 * The outcome of evaluating a compiled expression: a {@link Success} with the value, or an {@link
 * EvaluationFailure}. Evaluation never throws for anything the expression does.
 */
public sealed interface EvalResult permits EvalResult.Success, EvaluationFailure {

  /**
   * A value. Values are Java boxes of the C# value ({@link String}, {@link Integer}, {@link Long},
   * {@link Double}, {@link Boolean}, {@link Character}), null, or opaque objects of the library
   * (JSON tokens, dates, arrays); {@link #text()} renders any of them as C# would.
   */
  record Success(Object value) implements EvalResult {
    /** The value as C#'s {@code ToString()} gives it; null is the empty string. */
    public String text() {
      return Values.toText(value);
    }

    /** The value as a boolean, if it is one (conditions). */
    public Optional<Boolean> asBoolean() {
      return value instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }
  }

  default boolean isSuccess() {
    return this instanceof Success;
  }
}
