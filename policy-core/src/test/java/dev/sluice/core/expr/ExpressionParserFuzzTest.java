package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import dev.sluice.core.SourcePosition;
import java.util.Map;

/**
 * Fuzzes the expression compiler and evaluator: for any text, compiling returns diagnostics or an
 * expression, and evaluating a compiled one returns a result; nothing else may escape.
 *
 * <p>The normal build fuzzes for a few seconds ({@code -Dfuzz.duration}, default 5s); the {@code
 * fuzz} profile runs it for ten minutes: {@code ./mvnw -B -Pfuzz test -pl policy-core
 * -Dtest=ExpressionParserFuzzTest}. Inputs that fail are saved under {@code src/test/resources}
 * and replayed by every later build.
 */
class ExpressionParserFuzzTest {
  private static final ExpressionCompiler COMPILER =
      ExpressionCompiler.create(new ExpressionOptions(20_000, 100_000, 60, 4_096));

  @FuzzTest(maxDuration = "5s")
  @DictionaryEntries({
    "context.Request.Headers.GetValueOrDefault(\"a\", \"b\")", "context.Variables[\"x\"]", "(string)",
    "(JObject)", ".As<JObject>(preserveContent: true)", "JObject.Parse(", "new JObject(", "new JProperty(",
    "new[] {", ".Select(x => x)", ".Where(x => ", "$\"{", "@\"", "var ", "return ", "if (", "else ",
    "foreach (var i in ", "try {", "} catch (Exception e) {", "??", "?.", " is ", " as ", "=>", "{{nv}}",
    "Regex.Match(", "int.TryParse(\"1\", out var n)", "string.Format(\"{0}\", ", "while (true) {", "++", "+="
  })
  void compiling_and_evaluating_any_text_only_yields_values_and_diagnostics(FuzzedDataProvider data) {
    boolean block = data.consumeBoolean();
    String code = data.consumeRemainingAsString();
    Expression expression =
        new Expression(
            block ? Expression.Kind.BLOCK : Expression.Kind.INLINE,
            (block ? "@{" : "@(") + code + (block ? "}" : ")"),
            SourcePosition.of("fuzz.xml", 3, 7));
    LoadResult<CompiledExpression> result = COMPILER.compile(expression, Map.of("nv", "1"));
    if (result.value().isEmpty()) {
      assertThat(result.hasErrors()).isTrue();
      result.errors().forEach(d -> assertThat(d.position().line()).isGreaterThanOrEqualTo(3));
      return;
    }
    EvalResult value = result.value().get().evaluate(Fixtures.context());
    assertThat(value).isNotNull();
  }
}
