package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import dev.sluice.core.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTest {

  private static Expression inline(String text) {
    return new Expression(Expression.Kind.INLINE, text, SourcePosition.of("p.xml", 1, 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@(\"x\".GetType())",
        "@(typeof(string).Assembly)",
        "@(System.IO.File.Exists(\"/etc/passwd\"))",
        "@(System.Diagnostics.Process.Start(\"sh\"))",
        "@(Activator.CreateInstance(null))",
        "@(new System.Net.WebClient())",
        "@(AppDomain.CurrentDomain)",
        "@(Type.GetType(\"System.IO.File\"))",
        "@(context.GetType().GetMethods())"
      })
  void reflection_and_io_are_not_reachable(String code) {
    LoadResult<CompiledExpression> r = ExpressionCompiler.create().compile(inline(code));
    assertThat(r.value()).isEmpty();
    assertThat(r.errors().get(0).code())
        .isIn(DiagnosticCode.EXPRESSION_UNSUPPORTED.name(), DiagnosticCode.EXPRESSION_TYPE.name());
  }

  @Test
  void step_budget_ends_an_endless_loop_as_failure() {
    CompiledExpression e =
        ExpressionCompiler.create(ExpressionOptions.defaults().withMaxSteps(5_000))
            .compile(new Expression(Expression.Kind.BLOCK, "@{ var i = 0; while (i >= 0) { i = i + 0; } return i; }", SourcePosition.UNKNOWN))
            .value()
            .orElseThrow();
    EvalResult r = e.evaluate(Fixtures.context());
    assertThat(r).isInstanceOf(EvaluationFailure.class);
    EvaluationFailure f = (EvaluationFailure) r;
    assertThat(f.exceptionType()).isEqualTo(EvaluationFailure.BUDGET_EXCEEDED);
    assertThat(f.name()).isEqualTo("ExpressionValueEvaluationFailure");
    assertThat(f.describe()).startsWith("Expression evaluation failed. ");
  }

  @Test
  void output_budget_stops_string_doubling() {
    CompiledExpression e =
        ExpressionCompiler.create(ExpressionOptions.defaults().withMaxOutputChars(1_000))
            .compile(new Expression(Expression.Kind.BLOCK, "@{ var s = \"ab\"; for (var i = 0; i < 20; i++) { s = s + s; } return s; }", SourcePosition.UNKNOWN))
            .value()
            .orElseThrow();
    EvalResult r = e.evaluate(Fixtures.context());
    assertThat(r).isInstanceOf(EvaluationFailure.class);
    assertThat(((EvaluationFailure) r).message()).contains("1000");
  }

  @Test
  void output_budget_applies_to_json_written() {
    CompiledExpression e =
        ExpressionCompiler.create(ExpressionOptions.defaults().withMaxOutputChars(50))
            .compile(new Expression(Expression.Kind.BLOCK, "@{ var a = new JArray(); for (var i = 0; i < 40; i++) { a.Add(\"xxxxxxxxxx\"); } return a.ToString(); }", SourcePosition.UNKNOWN))
            .value()
            .orElseThrow();
    assertThat(e.evaluate(Fixtures.context())).isInstanceOf(EvaluationFailure.class);
  }

  @Test
  void runtime_exception_becomes_failure_with_dotnet_type() {
    EvalResult r = Fixtures.run("@(\"abc\".Substring(10))");
    assertThat(r).isInstanceOf(EvaluationFailure.class);
    assertThat(((EvaluationFailure) r).exceptionType()).isEqualTo("ArgumentOutOfRangeException");
  }

  @Test
  void same_budget_applies_to_each_evaluation_separately() {
    CompiledExpression e =
        ExpressionCompiler.create(ExpressionOptions.defaults().withMaxSteps(2_000))
            .compile(new Expression(Expression.Kind.BLOCK, "@{ var n = 0; for (var i = 0; i < 100; i++) { n += i; } return n; }", SourcePosition.UNKNOWN))
            .value()
            .orElseThrow();
    for (int i = 0; i < 5; i++) {
      assertThat(e.evaluate(Fixtures.context())).isEqualTo(new EvalResult.Success(4950));
    }
  }
}
