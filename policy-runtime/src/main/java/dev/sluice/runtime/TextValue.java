package dev.sluice.runtime;

import dev.sluice.core.expr.CompiledExpression;
import dev.sluice.core.expr.EvalResult;
import dev.sluice.core.expr.EvaluationFailure;
import dev.sluice.core.expr.ExpressionAnalysis;
import java.util.Locale;
import java.util.Optional;

/**
 * An attribute value or element text compiled at load: a literal (named values already substituted)
 * or a compiled expression evaluated per exchange. Immutable; evaluation runs on the exchange's
 * event loop and fails with {@code ExpressionValueEvaluationFailure} as APIM does.
 */
final class TextValue {
  private final String literal;
  private final CompiledExpression expression;
  private final OperationInfo operation;
  private final TraceSink traceSink;

  private TextValue(
      String literal, CompiledExpression expression, OperationInfo operation, TraceSink traceSink) {
    this.literal = literal;
    this.expression = expression;
    this.operation = operation;
    this.traceSink = traceSink;
  }

  static TextValue literal(String text) {
    return new TextValue(text, null, null, null);
  }

  static TextValue expression(
      CompiledExpression expression, OperationInfo operation, TraceSink traceSink) {
    return new TextValue(null, expression, operation, traceSink);
  }

  boolean isLiteral() {
    return expression == null;
  }

  /** The literal text; only for {@link #isLiteral()} values. */
  String literalText() {
    return literal;
  }

  Optional<ExpressionAnalysis> analysis() {
    return expression == null ? Optional.empty() : Optional.of(expression.analysis());
  }

  /** The value as text (C#'s {@code ToString()}; null is the empty string). */
  String text(PolicyContext context) {
    if (expression == null) {
      return literal;
    }
    return success(context).text();
  }

  /** The value as the expression produced it (a literal is a string). */
  Object value(PolicyContext context) {
    if (expression == null) {
      return literal;
    }
    return success(context).value();
  }

  /** The value as a boolean: a bool result, or the text {@code true}/{@code false}. */
  boolean bool(PolicyContext context) {
    if (expression != null) {
      EvalResult.Success result = success(context);
      if (result.value() instanceof Boolean b) {
        return b;
      }
      return parseBool(result.text());
    }
    return parseBool(literal);
  }

  /** The value as an integer. */
  long integer(PolicyContext context) {
    String text = text(context).trim();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw evaluationFailure("'" + text + "' is not an integer");
    }
  }

  private boolean parseBool(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw evaluationFailure("'" + text + "' is not a boolean");
  }

  private EvalResult.Success success(PolicyContext context) {
    EvalResult result = expression.evaluate(new ContextView(context, operation, traceSink));
    if (result instanceof EvaluationFailure failure) {
      throw new PolicyFailure(500, EvaluationFailure.NAME, failure.describe());
    }
    return (EvalResult.Success) result;
  }

  private static PolicyFailure evaluationFailure(String detail) {
    return new PolicyFailure(
        500, EvaluationFailure.NAME, "Expression evaluation failed. " + detail);
  }

  @Override
  public String toString() {
    return expression == null ? literal : expression.expression().text();
  }
}
