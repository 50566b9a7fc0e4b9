package dev.sluice.core.expr;

import static java.util.Objects.requireNonNull;

/**
 * An expression that could not produce a value: a .NET-style exception it raised and did not catch
 * ({@code exceptionType} such as {@code NullReferenceException}), or the evaluation budget running
 * out ({@code exceptionType} {@value #BUDGET_EXCEEDED}).
 *
 * <p>{@link #name()} is APIM's error name for it, {@value #NAME}, which on-error policies see as
 * {@code context.LastError.Reason}.
 */
public record EvaluationFailure(String exceptionType, String message) implements EvalResult {
  /** APIM's name for a failed expression. */
  public static final String NAME = "ExpressionValueEvaluationFailure";

  /** The exception type reported when a budget ran out. */
  public static final String BUDGET_EXCEEDED = "BudgetExceeded";

  public EvaluationFailure {
    requireNonNull(exceptionType, "exceptionType");
    requireNonNull(message, "message");
  }

  public String name() {
    return NAME;
  }

  /** {@code Expression evaluation failed. <message>}, as APIM words it. */
  public String describe() {
    return "Expression evaluation failed. " + message;
  }
}
