package dev.sluice.core.expr;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles policy expressions ({@code @(...)} and {@code @{...}}) — a sandboxed subset of C# —
 * into {@link CompiledExpression}s.
 *
 * <p>Compilation parses, type-checks every member against an allow-list and builds a tree of
 * closures; nothing is parsed or looked up at evaluation time. Errors are returned as diagnostics
 * ({@link DiagnosticCode#EXPRESSION_SYNTAX}, {@link DiagnosticCode#EXPRESSION_UNSUPPORTED}, {@link
 * DiagnosticCode#EXPRESSION_TYPE}) at the file position of the offending token; compilation does
 * not throw for any input. Named values ({@code {{name}}}) are substituted in the text first, as
 * APIM does. A compiler is immutable and thread-safe.
 */
public final class ExpressionCompiler {
  private final ExpressionOptions options;

  private ExpressionCompiler(ExpressionOptions options) {
    this.options = requireNonNull(options, "options");
  }

  public static ExpressionCompiler create() {
    return new ExpressionCompiler(ExpressionOptions.defaults());
  }

  public static ExpressionCompiler create(ExpressionOptions options) {
    return new ExpressionCompiler(options);
  }

  /** Compiles an expression that uses no named values. */
  public LoadResult<CompiledExpression> compile(Expression expression) {
    return compile(expression, Map.of());
  }

  /**
   * Compiles {@code expression}, first replacing each {@code {{name}}} by its value in {@code
   * namedValues}; an unknown name is a warning ({@link DiagnosticCode#EXPRESSION_NAMED_VALUE}) and
   * becomes the empty string. The result has a value unless there is an error.
   */
  public LoadResult<CompiledExpression> compile(Expression expression, Map<String, String> namedValues) {
    requireNonNull(expression, "expression");
    requireNonNull(namedValues, "namedValues");
    List<Diagnostic> diagnostics = new ArrayList<>();
    String text = expression.text();
    boolean closed = text.length() >= 3 && text.endsWith(expression.kind() == Expression.Kind.INLINE ? ")" : "}");
    if (!closed) {
      diagnostics.add(Diagnostic.of(DiagnosticCode.EXPRESSION_SYNTAX, expression.position(), "the expression is not closed with '" + (expression.kind() == Expression.Kind.INLINE ? ")" : "}") + "'"));
      return LoadResult.failed(diagnostics);
    }
    Source source = Source.of(expression, namedValues, diagnostics);
    if (source.code.length() > options.maxCodeLength()) {
      diagnostics.add(Diagnostic.of(DiagnosticCode.EXPRESSION_UNSUPPORTED, expression.position(), "the expression is longer than " + options.maxCodeLength() + " characters"));
      return LoadResult.failed(diagnostics);
    }
    Binder binder = new Binder();
    try {
      if (expression.kind() == Expression.Kind.INLINE) {
        Ast.Expr ast = Parser.parseExpression(source.code, options.maxNesting());
        Binder.Eval eval = binder.bindExpression(ast);
        return LoadResult.of(new Compiled(expression, binder.resultType.name, binder.analysis(), options, binder.slotCount(), eval, null), diagnostics);
      }
      Ast.Block ast = Parser.parseBlock(source.code, options.maxNesting());
      Binder.Exec exec = binder.bindBlock(ast);
      return LoadResult.of(new Compiled(expression, binder.resultType.name, binder.analysis(), options, binder.slotCount(), null, exec), diagnostics);
    } catch (SyntaxError e) {
      diagnostics.add(Diagnostic.of(e.code, source.position(e.offset), e.getMessage()));
      return LoadResult.failed(diagnostics);
    }
  }

  private record Compiled(
      Expression expression,
      String resultType,
      ExpressionAnalysis analysis,
      ExpressionOptions options,
      int slots,
      Binder.Eval eval,
      Binder.Exec exec)
      implements CompiledExpression {

    @Override
    public EvalResult evaluate(ExpressionContext context) {
      requireNonNull(context, "context");
      Frame frame = new Frame(context, slots, options.maxSteps(), options.maxOutputChars());
      try {
        if (eval != null) {
          return new EvalResult.Success(eval.eval(frame));
        }
        exec.run(frame);
        return new EvalResult.Success(frame.result);
      } catch (BudgetExceeded e) {
        return new EvaluationFailure(EvaluationFailure.BUDGET_EXCEEDED, e.getMessage());
      } catch (RuntimeException e) {
        ScriptException se = ScriptException.from(e);
        return new EvaluationFailure(se.type, se.getMessage());
      } catch (StackOverflowError e) {
        return new EvaluationFailure(EvaluationFailure.BUDGET_EXCEEDED, "the expression nested too deeply");
      }
    }

    @Override
    public String toString() {
      return expression.text();
    }
  }
}
