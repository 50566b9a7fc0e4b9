package dev.sluice.bench;

import dev.sluice.core.Expression;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.expr.CompiledExpression;
import dev.sluice.core.expr.EvalResult;
import dev.sluice.core.expr.ExpressionCompiler;
import dev.sluice.core.expr.ExpressionContext;
import dev.sluice.core.expr.InMemoryExpressionContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of evaluating compiled policy expressions, next to the same logic written as a plain Java
 * lambda over the same context (the floor an expression engine could reach).
 *
 * <p>Run: {@code ./mvnw -B -o package -pl benchmarks -am -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar ExpressionBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExpressionBenchmark {

  static final String CONDITION =
      "@(context.Request.Method == \"GET\" && context.Request.Headers.GetValueOrDefault(\"Accept\", \"\").Contains(\"text/event-stream\"))";
  static final String HEADER = "@(context.Request.Headers.GetValueOrDefault(\"X-Correlation-Id\", \"none\"))";
  static final String BLOCK =
      "@{ var parts = context.Request.Headers.GetValueOrDefault(\"Authorization\", \"\").Split(' ');"
          + " if (parts.Length != 2 || !parts[0].Equals(\"Bearer\", StringComparison.OrdinalIgnoreCase)) { return \"anonymous\"; }"
          + " return parts[1].Substring(0, 8); }";

  private ExpressionContext context;
  private CompiledExpression condition;
  private CompiledExpression header;
  private CompiledExpression block;
  private Function<ExpressionContext, Object> conditionLambda;
  private Function<ExpressionContext, Object> headerLambda;

  @Setup
  public void setUp() {
    context =
        InMemoryExpressionContext.builder()
            .method("GET")
            .url("https://api.example.com/chat/stream?session=1")
            .header("Accept", "text/event-stream")
            .header("X-Correlation-Id", "corr-123")
            .header("Authorization", "Bearer abcdefghijklmnop")
            .build();
    ExpressionCompiler compiler = ExpressionCompiler.create();
    condition = compile(compiler, CONDITION);
    header = compile(compiler, HEADER);
    block = compile(compiler, BLOCK);
    conditionLambda =
        c -> c.request().method().equals("GET")
            && String.join(",", c.request().headers().getOrDefault("Accept", List.of())).contains("text/event-stream");
    headerLambda = c -> {
      List<String> values = c.request().headers().get("X-Correlation-Id");
      return values == null ? "none" : String.join(",", values);
    };
    if (!((EvalResult.Success) condition.evaluate(context)).value().equals(conditionLambda.apply(context))
        || !((EvalResult.Success) header.evaluate(context)).value().equals(headerLambda.apply(context))) {
      throw new IllegalStateException("expression and lambda disagree");
    }
  }

  private static CompiledExpression compile(ExpressionCompiler compiler, String text) {
    Expression.Kind kind = text.startsWith("@{") ? Expression.Kind.BLOCK : Expression.Kind.INLINE;
    return compiler
        .compile(new Expression(kind, text, SourcePosition.UNKNOWN))
        .value()
        .orElseThrow(() -> new IllegalStateException("does not compile: " + text));
  }

  @Benchmark
  public EvalResult conditionExpression() {
    return condition.evaluate(context);
  }

  @Benchmark
  public Object conditionLambda() {
    return conditionLambda.apply(context);
  }

  @Benchmark
  public EvalResult headerExpression() {
    return header.evaluate(context);
  }

  @Benchmark
  public Object headerLambda() {
    return headerLambda.apply(context);
  }

  @Benchmark
  public EvalResult bearerBlockExpression() {
    return block.evaluate(context);
  }

  @Benchmark
  public Object compileCondition() {
    return ExpressionCompiler.create()
        .compile(new Expression(Expression.Kind.INLINE, CONDITION, SourcePosition.UNKNOWN));
  }
}
