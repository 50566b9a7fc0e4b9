package dev.sluice.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
  @Test
  void body_of_a_send_request_response_variable_is_not_the_response_body() {
    ExpressionAnalysis a =
        analyze("@((string)((IResponse)context.Variables[\"tokenResponse\"]).Body.As<JObject>()[\"access_token\"])");
    assertThat(a.readsResponseBody()).isFalse();
    assertThat(a.readsRequestBody()).isFalse();
    assertThat(a.contextPaths()).containsExactly("context.Variables");
    assertThat(a.variablesRead()).containsExactly("tokenResponse");
  }

  @Test
  void send_request_response_through_a_local_or_type_argument_is_not_the_response_body() {
    ExpressionAnalysis local =
        analyze("@{ var r = (IResponse)context.Variables[\"tokenResponse\"]; return r.Body.As<string>(); }");
    ExpressionAnalysis typed =
        analyze("@(context.Variables.GetValueOrDefault<IResponse>(\"tokenResponse\").Body.As<string>())");
    ExpressionAnalysis pattern =
        analyze("@(context.Variables[\"tokenResponse\"] is IResponse r ? r.Body.As<string>() : \"\")");
    for (ExpressionAnalysis a : List.of(local, typed, pattern)) {
      assertThat(a.readsBody()).as("%s", a).isFalse();
      assertThat(a.variablesRead()).containsExactly("tokenResponse");
    }
  }

  @Test
  void context_response_cast_to_its_interface_still_reads_the_response_body() {
    assertThat(analyze("@(((IResponse)context.Response).Body.As<string>())").readsResponseBody()).isTrue();
    assertThat(analyze("@(((IResponse)(object)context.Response).Body.As<string>())").readsResponseBody()).isTrue();
    assertThat(analyze("@(((IMessageBody)context.Request.Body).As<string>())").readsRequestBody()).isTrue();
  }

  @Test
  void response_body_read_through_a_local_holding_the_response_is_detected() {
    assertThat(analyze("@{ var r = context.Response; return r.Body.As<string>(); }").readsResponseBody()).isTrue();
    assertThat(analyze("@{ IResponse r = null; r = context.Response; return r.Body.As<string>(); }").readsResponseBody())
        .isTrue();
    assertThat(analyze("@(context.Response is IResponse r ? r.Body.As<string>() : \"\")").readsResponseBody()).isTrue();
    assertThat(analyze("@{ var q = context.Request; return q.Body.As<string>(); }").readsRequestBody()).isTrue();
  }

  @Test
  void a_local_holding_the_response_without_reading_its_body_reads_no_body() {
    ExpressionAnalysis a = analyze("@{ var r = context.Response; return r.StatusCode; }");
    assertThat(a.readsBody()).isFalse();
    assertThat(a.contextPaths()).containsExactly("context.Response.StatusCode");
  }

  @Test
  void jwt_of_a_header_reads_only_the_header() {
    ExpressionAnalysis a =
        analyze("@(context.Request.Headers.GetValueOrDefault(\"Authorization\",\"\").AsJwt()?.Claims.GetValueOrDefault(\"oid\", \"anonymous\"))");
    assertThat(a.contextPaths()).containsExactly("context.Request.Headers");
    assertThat(a.readsBody()).isFalse();
  }
}
