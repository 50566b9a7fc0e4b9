package dev.sluice.core.expr;

import dev.sluice.core.Expression;

/**
 * An expression compiled once, evaluated per request. Immutable and safe to evaluate from many
 * threads at once (each evaluation has its own state). Evaluation is synchronous and CPU-bound,
 * bounded by the compiler's {@link ExpressionOptions}; it does not block on I/O unless the context
 * implementation does (reading a body that is not yet buffered).
 */
public interface CompiledExpression {

  /** The expression as written. */
  Expression expression();

  /**
   * The C# name of the static result type ({@code string}, {@code bool}, {@code JObject}, {@code
   * object}...).
   */
  String resultType();

  /** What the expression reads. */
  ExpressionAnalysis analysis();

  /**
   * Runs the expression against {@code context}. Never throws for anything the expression does:
   * exceptions it does not catch, and exceeding the budget, become an {@link EvaluationFailure}.
   */
  EvalResult evaluate(ExpressionContext context);
}
