package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Severity;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.Test;

/** Load-time behavior: what cannot run fails with its position; buffering of streams is reported. */
class CompilerLoadTest extends CompiledGatewaySupport {
  private static final String BACKEND = "http://127.0.0.1:9";

  @Test
  void unexecutable_policy_fails_the_load_with_its_position() throws Exception {
    LoadResult<RoutingTable> result =
        load(
            BACKEND,
            """
            <policies>
              <inbound>
                <base />
                <find-and-replace from="a" to="b" />
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """,
            false,
            compilerOptions());

    assertThat(result.value()).isEmpty();
    assertThat(result.errors())
        .filteredOn(d -> d.code().equals("POLICY_NOT_EXECUTABLE"))
        .extracting(d -> d.position().file().endsWith("api.xml"), d -> d.position().line(), d -> d.position().column())
        .contains(org.assertj.core.groups.Tuple.tuple(true, 4, 5));
  }

  @Test
  void liquid_set_body_fails_the_load_clearly() throws Exception {
    LoadResult<RoutingTable> result =
        load(
            BACKEND,
            """
            <policies>
              <inbound />
              <backend><forward-request /></backend>
              <outbound>
                <set-body template="liquid">Hello there</set-body>
              </outbound>
            </policies>
            """,
            false,
            compilerOptions());

    assertThat(result.value()).isEmpty();
    assertThat(result.errors())
        .anySatisfy(
            d -> {
              assertThat(d.code()).isEqualTo("POLICY_NOT_EXECUTABLE");
              assertThat(d.message()).contains("Liquid");
              assertThat(d.position().line()).isEqualTo(5);
            });
  }

  private static final String BUFFERING =
      """
      <policies>
        <inbound />
        <backend><forward-request /></backend>
        <outbound />
      </policies>
      """;

  @Test
  void buffering_an_event_stream_is_a_warning_by_default() throws Exception {
    LoadResult<RoutingTable> result = load(BACKEND, BUFFERING, true, compilerOptions());

    assertThat(result.value()).isPresent();
    assertThat(result.diagnostics())
        .filteredOn(d -> d.code().equals("STREAM_BUFFERED"))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.severity()).isEqualTo(Severity.WARNING);
              assertThat(d.position().line()).isEqualTo(3);
              assertThat(d.message()).contains("buffer-response=\"false\"");
            });
  }

  @Test
  void strict_mode_refuses_to_load_a_buffered_event_stream() throws Exception {
    LoadResult<RoutingTable> result =
        load(BACKEND, BUFFERING, true, compilerOptions().withStrictBuffering(true));

    assertThat(result.value()).isEmpty();
    assertThat(result.errors()).extracting(Diagnostic::code).contains("STREAM_BUFFERED");
  }

  @Test
  void streaming_forward_request_loads_cleanly_in_strict_mode() throws Exception {
    LoadResult<RoutingTable> result =
        load(
            BACKEND,
            BUFFERING.replace("<forward-request />", "<forward-request buffer-response=\"false\" />"),
            true,
            compilerOptions().withStrictBuffering(true));

    assertThat(result.value()).isPresent();
    assertThat(result.diagnostics()).extracting(Diagnostic::code).doesNotContain("STREAM_BUFFERED");
  }

  @Test
  void on_error_sees_last_error_of_a_failed_expression() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <choose>
                  <when condition="@(true)">
                    <set-header name="x-bad" exists-action="override" id="boom">
                      <value>@(context.Variables["missing"].ToString())</value>
                    </set-header>
                  </when>
                </choose>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
              <on-error>
                <set-status code="418" reason="Error" />
                <set-header name="x-error" exists-action="override">
                  <value>@(context.LastError.Source + "|" + context.LastError.Reason + "|" + context.LastError.Scope + "|" + context.LastError.Section + "|" + context.LastError.Path + "|" + context.LastError.PolicyId)</value>
                </set-header>
                <set-header name="x-message" exists-action="override"><value>@(context.LastError.Message)</value></set-header>
              </on-error>
            </policies>
            """);

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(418);
    assertThat(reply.headers().get("x-error"))
        .isEqualTo("set-header|ExpressionValueEvaluationFailure|api|inbound|choose[1]\\when[1]\\set-header[1]|boom");
    assertThat(reply.headers().get("x-message")).startsWith("Expression evaluation failed.");
  }

  @Test
  void without_on_error_an_unreachable_backend_gets_502_with_a_clear_body() throws Exception {
    int port =
        serve(
            "http://127.0.0.1:9",
            """
            <policies>
              <inbound />
              <backend><forward-request timeout="5" /></backend>
              <outbound />
            </policies>
            """,
            GatewayOptions.defaults());

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(502);
    assertThat(reply.body()).contains("backend_unreachable");
  }

  @Test
  void an_expression_reading_the_response_body_of_a_stream_is_reported() throws Exception {
    LoadResult<RoutingTable> result =
        load(
            BACKEND,
            """
            <policies>
              <inbound />
              <backend><forward-request buffer-response="false" /></backend>
              <outbound>
                <set-header name="x-size" exists-action="override">
                  <value>@(context.Response.Body.As<string>(preserveContent: true).Length.ToString())</value>
                </set-header>
              </outbound>
            </policies>
            """,
            true,
            compilerOptions().withStrictBuffering(true));

    assertThat(result.value()).isEmpty();
    assertThat(result.errors())
        .anySatisfy(
            d -> {
              assertThat(d.code()).isEqualTo("STREAM_BUFFERED");
              assertThat(d.position().line()).isEqualTo(5);
              assertThat(d.message()).contains("context.Response.Body");
            });
  }
}
