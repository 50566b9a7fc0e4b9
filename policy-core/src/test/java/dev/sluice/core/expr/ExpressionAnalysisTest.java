package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpressionAnalysisTest {

  private static ExpressionAnalysis analyze(String code) {
    return Fixtures.compile(code).value().orElseThrow().analysis();
  }

  @Test
  void header_lookup_reads_headers_and_no_body() {
    ExpressionAnalysis a = analyze("@(context.Request.Headers.GetValueOrDefault(\"Accept\", \"\"))");
    assertThat(a.contextPaths()).containsExactly("context.Request.Headers");
    assertThat(a.readsBody()).isFalse();
    assertThat(a.reads("context.Request")).isTrue();
    assertThat(a.reads("context.Response")).isFalse();
  }

  @Test
  void response_body_read_is_detected() {
    ExpressionAnalysis a = analyze("@(context.Response.Body.As<JObject>(preserveContent: true)[\"x\"])");
    assertThat(a.readsResponseBody()).isTrue();
    assertThat(a.readsRequestBody()).isFalse();
    assertThat(a.contextPaths()).containsExactly("context.Response.Body");
  }

  @Test
  void request_body_read_inside_block_through_a_local_is_detected() {
    ExpressionAnalysis a =
        analyze("@{ var b = context.Request.Body; var s = b.As<string>(); return s.Length; }");
    assertThat(a.readsRequestBody()).isTrue();
  }

  @Test
  void deepest_paths_only() {
    ExpressionAnalysis a =
        analyze("@(context.Request.Url.Path + context.Request.Method + context.User.Email)");
    assertThat(a.contextPaths())
        .containsExactlyInAnyOrder("context.Request.Url.Path", "context.Request.Method", "context.User.Email");
  }

  @Test
  void constant_variable_names_are_collected_from_every_access_form() {
    ExpressionAnalysis a =
        analyze(
            "@(context.Variables.GetValueOrDefault<string>(\"a\") + context.Variables[\"b\"]"
                + " + context.Variables.ContainsKey(\"c\"))");
    assertThat(a.variablesRead()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(a.readsDynamicVariable()).isFalse();
  }

  @Test
  void computed_variable_name_is_dynamic() {
    ExpressionAnalysis a = analyze("@((string)context.Variables[\"user\" + \"Id\"] + context.Variables[context.Request.Method])");
    assertThat(a.variablesRead()).contains("userId");
    assertThat(a.readsDynamicVariable()).isTrue();
  }

  @Test
  void body_derivation_follows_tainted_variables() {
    ExpressionAnalysis fromVariable = analyze("@(context.Variables.GetValueOrDefault<string>(\"payload\"))");
    assertThat(fromVariable.derivesFromBody(Set.of())).isFalse();
    assertThat(fromVariable.derivesFromBody(Set.of("payload"))).isTrue();
    assertThat(fromVariable.derivesFromBody(Set.of("other"))).isFalse();
    ExpressionAnalysis fromBody = analyze("@(context.Request.Body.As<string>())");
    assertThat(fromBody.derivesFromBody(Set.of())).isTrue();
  }

  @Test
  void literal_reads_nothing() {
    ExpressionAnalysis a = analyze("@(\"x\" + 1)");
    assertThat(a.contextPaths()).isEmpty();
    assertThat(a.variablesRead()).isEmpty();
  }
}
