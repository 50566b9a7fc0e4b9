package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionCompilerTest {

  private static Expression at(String text, int line, int column) {
    return new Expression(
        text.startsWith("@{") ? Expression.Kind.BLOCK : Expression.Kind.INLINE, text, SourcePosition.of("api.xml", line, column));
  }

  @Test
  void syntax_error_position_is_relative_to_the_file() {
    LoadResult<CompiledExpression> r = ExpressionCompiler.create().compile(at("@(1 + )", 12, 30));
    assertThat(r.value()).isEmpty();
    Diagnostic d = r.errors().get(0);
    assertThat(d.code()).isEqualTo(DiagnosticCode.EXPRESSION_SYNTAX.name());
    assertThat(d.position()).isEqualTo(SourcePosition.of("api.xml", 12, 36));
  }

  @Test
  void error_on_a_later_line_of_a_block_counts_lines_and_resets_columns() {
    LoadResult<CompiledExpression> r =
        ExpressionCompiler.create().compile(at("@{\n  var x = 1;\n  return x.Nope;\n}", 5, 20));
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).position()).isEqualTo(SourcePosition.of("api.xml", 7, 12));
    assertThat(r.errors().get(0).code()).isEqualTo(DiagnosticCode.EXPRESSION_UNSUPPORTED.name());
  }

  @Test
  void positions_after_a_named_value_point_at_the_original_text() {
    LoadResult<CompiledExpression> r =
        ExpressionCompiler.create().compile(at("@(\"{{long-name}}\" + nope)", 1, 1), Map.of("long-name", "x"));
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).position().column()).isEqualTo(21);
  }

  @Test
  void named_values_are_substituted_before_compiling() {
    LoadResult<CompiledExpression> r =
        ExpressionCompiler.create().compile(at("@(\"{{a}}\" + {{n}})", 1, 1), Map.of("a", "v", "n", "(41 + 1)"));
    assertThat(r.errors()).isEmpty();
    EvalResult.Success s = (EvalResult.Success) r.value().orElseThrow().evaluate(Fixtures.context());
    assertThat(s.text()).isEqualTo("v42");
  }

  @Test
  void unknown_named_value_is_a_warning_at_its_reference() {
    LoadResult<CompiledExpression> r = ExpressionCompiler.create().compile(at("@(\"k={{missing}}\")", 3, 4));
    assertThat(r.value()).isPresent();
    assertThat(r.hasErrors()).isFalse();
    Diagnostic d = r.diagnostics().get(0);
    assertThat(d.code()).isEqualTo(DiagnosticCode.EXPRESSION_NAMED_VALUE.name());
    assertThat(d.severity()).isEqualTo(Severity.WARNING);
    assertThat(d.position()).isEqualTo(SourcePosition.of("api.xml", 3, 9));
  }

  @Test
  void result_types_are_reported() {
    assertThat(Fixtures.compile("@(1 + 1)").value().orElseThrow().resultType()).isEqualTo("int");
    assertThat(Fixtures.compile("@(context.Request.Method == \"GET\")").value().orElseThrow().resultType()).isEqualTo("bool");
    assertThat(Fixtures.compile("@(JObject.Parse(\"{}\"))").value().orElseThrow().resultType()).isEqualTo("JObject");
    assertThat(Fixtures.compile("@{ if (true) { return 1; } return \"x\"; }").value().orElseThrow().resultType()).isEqualTo("object");
  }

  @Test
  void too_deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    String deep = "@(" + "(".repeat(5000) + "1" + ")".repeat(5000) + ")";
    LoadResult<CompiledExpression> r = ExpressionCompiler.create().compile(at(deep, 1, 1));
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).message()).contains("nested too deeply");
  }

  @Test
  void code_longer_than_the_limit_is_rejected() {
    ExpressionCompiler small = ExpressionCompiler.create(ExpressionOptions.defaults().withMaxSteps(10));
    assertThat(small.compile(at("@(1)", 1, 1)).value()).isPresent();
    ExpressionCompiler tiny = ExpressionCompiler.create(new ExpressionOptions(10, 10, 10, 5));
    assertThat(tiny.compile(at("@(123456)", 1, 1)).errors()).hasSize(1);
  }

  @Test
  void one_compiled_expression_evaluates_independently_per_context() throws Exception {
    CompiledExpression e =
        Fixtures.compile("@{ var n = 0; foreach (var c in context.Request.Method) { n++; } return n; }").value().orElseThrow();
    List<Thread> threads = new ArrayList<>();
    List<Object> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (String method : List.of("GET", "DELETE", "PATCH", "OPTIONS")) {
      Thread t = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          InMemoryExpressionContext c = InMemoryExpressionContext.builder().method(method).build();
          results.add(method + "=" + ((EvalResult.Success) e.evaluate(c)).value());
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).hasSize(800).containsOnly("GET=3", "DELETE=6", "PATCH=5", "OPTIONS=7");
  }
}
