package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryExpressionContextTest {

  @Test
  void headers_are_case_insensitive_and_keep_all_values() {
    InMemoryExpressionContext c = InMemoryExpressionContext.builder().header("X-A", "1").header("x-a", "2").build();
    assertThat(c.request().headers().get("X-A")).containsExactly("1", "2");
  }

  @Test
  void url_parts_and_decoded_query() {
    ExpressionContext.Url u = InMemoryExpressionContext.parseUrl("http://h.example:8080/p/a%20b?x=1&y=a+b&x=2");
    assertThat(u.scheme()).isEqualTo("http");
    assertThat(u.port()).isEqualTo(8080);
    assertThat(u.path()).isEqualTo("/p/a%20b");
    assertThat(u.query().get("x")).isEqualTo(List.of("1", "2"));
    assertThat(u.query().get("y")).isEqualTo(List.of("a b"));
    assertThat(Values.urlText(u)).isEqualTo("http://h.example:8080/p/a%20b?x=1&y=a+b&x=2");
  }

  @Test
  void body_is_consumed_unless_preserved() {
    InMemoryExpressionContext c = InMemoryExpressionContext.builder().requestBody("abc").build();
    ExpressionContext.Body body = c.request().body().orElseThrow();
    assertThat(body.asString(true)).isEqualTo("abc");
    assertThat(body.asString(false)).isEqualTo("abc");
    assertThat(body.asString(false)).isEmpty();
  }

  @Test
  void response_is_absent_until_set_and_trace_is_recorded() {
    InMemoryExpressionContext c = InMemoryExpressionContext.builder().build();
    assertThat(c.response()).isEmpty();
    assertThat(((EvalResult.Success) Fixtures.compile("@(context.Response == null)").value().orElseThrow().evaluate(c)).value()).isEqualTo(true);
    Fixtures.compile("@{ context.Trace(\"src\", \"msg\"); return 1; }").value().orElseThrow().evaluate(c);
    assertThat(c.traces()).containsExactly(new InMemoryExpressionContext.TraceEntry("src", "msg"));
  }

  @Test
  void variables_set_between_evaluations_are_seen() {
    InMemoryExpressionContext c = InMemoryExpressionContext.builder().build();
    CompiledExpression e = Fixtures.compile("@(context.Variables.GetValueOrDefault<string>(\"v\", \"none\"))").value().orElseThrow();
    assertThat(((EvalResult.Success) e.evaluate(c)).text()).isEqualTo("none");
    c.setVariable("v", "set");
    assertThat(((EvalResult.Success) e.evaluate(c)).text()).isEqualTo("set");
  }
}
