package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each policy's behavior through a gateway loaded from XML, in front of a real backend. */
class PolicyExecutionTest extends CompiledGatewaySupport {

  @Test
  void set_header_evaluates_expressions_and_named_values_on_request_and_response() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <set-header name="x-item" exists-action="override">
                  <value>@(context.Request.MatchedParameters["id"])</value>
                </set-header>
                <set-header name="x-greeting" exists-action="append"><value>{{greeting}}</value></set-header>
                <set-header name="x-drop" exists-action="delete" />
              </inbound>
              <backend><forward-request /></backend>
              <outbound>
                <set-header name="x-method" exists-action="override">
                  <value>@(context.Request.Method + "/" + context.Response.StatusCode)</value>
                </set-header>
              </outbound>
            </policies>
            """);

    Reply reply = call(port, "GET", "/api/items/42", Map.of("x-drop", "secret", "x-greeting", "hi"), null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("x-echo-x-item")).isEqualTo("42");
    assertThat(reply.headers().getAll("x-echo-x-greeting")).containsExactly("hi", "hello");
    assertThat(reply.headers().contains("x-echo-x-drop")).isFalse();
    assertThat(reply.headers().get("x-method")).isEqualTo("GET/200");
  }

  @Test
  void rewrite_uri_and_query_parameters_and_method_reach_the_backend() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <rewrite-uri template="/v2/products/{id}?view=full" />
                <set-query-parameter name="tag" exists-action="append"><value>new one</value></set-query-parameter>
                <set-method>POST</set-method>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    Reply reply = get(port, "/api/items/7?keep=1");

    assertThat(reply.body()).startsWith("POST /v2/products/7?view=full&keep=1&tag=new%20one\n");
  }

  @Test
  void set_backend_service_sends_the_request_elsewhere() throws Exception {
    HttpServer other = echoBackend();
    int port =
        serve(
            "http://127.0.0.1:9",
            """
            <policies>
              <inbound>
                <set-backend-service base-url="@("http://127.0.0.1:" + context.Request.Headers.GetValueOrDefault("x-port", ""))" />
              </inbound>
              <backend><forward-request timeout="5" /></backend>
              <outbound />
            </policies>
            """,
            GatewayOptions.defaults());

    Reply reply = call(port, "GET", "/api/items/1", Map.of("x-port", Integer.toString(other.actualPort())), null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).startsWith("GET /items/1");
  }

  @Test
  void set_body_replaces_request_and_response_bodies() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <set-body>@("id=" + context.Request.MatchedParameters["id"])</set-body>
              </inbound>
              <backend><forward-request /></backend>
              <outbound>
                <set-body>@(context.Response.Body.As<string>(preserveContent: true).ToUpper())</set-body>
              </outbound>
            </policies>
            """);

    Reply reply = call(port, "POST", "/api/items/9", Map.of(), "original body");

    assertThat(reply.body()).isEqualTo("POST /ITEMS/9\nID=9");
  }

  @Test
  void choose_picks_the_branch_by_variable_and_return_response_ends_the_exchange() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <set-variable name="id" value="@(context.Request.MatchedParameters["id"])" />
                <choose>
                  <when condition="@((string)context.Variables["id"] == "0")">
                    <return-response>
                      <set-status code="404" reason="Nothing" />
                      <set-header name="x-why" exists-action="override"><value>zero</value></set-header>
                      <set-body>no item zero</set-body>
                    </return-response>
                  </when>
                  <otherwise>
                    <set-header name="x-branch" exists-action="override"><value>otherwise</value></set-header>
                  </otherwise>
                </choose>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    Reply zero = get(port, "/api/items/0");
    Reply one = get(port, "/api/items/1");

    assertThat(zero.status()).isEqualTo(404);
    assertThat(zero.headers().get("x-why")).isEqualTo("zero");
    assertThat(zero.body()).isEqualTo("no item zero");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.headers().get("x-echo-x-branch")).isEqualTo("otherwise");
  }

  @Test
  void mock_response_answers_with_the_status_and_no_backend_call() throws Exception {
    int port =
        serve(
            "http://127.0.0.1:9",
            """
            <policies>
              <inbound><mock-response status-code="201" content-type="application/json" /></inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """,
            GatewayOptions.defaults());

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.headers().get("content-type")).isEqualTo("application/json");
    assertThat(reply.body()).isEmpty();
  }

  @Test
  void set_status_in_outbound_changes_the_backend_status() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound />
              <backend><forward-request /></backend>
              <outbound><set-status code="202" reason="Taken" /></outbound>
            </policies>
            """);

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(202);
  }

  @Test
  void check_header_refuses_missing_or_wrong_values() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <check-header name="x-key" failed-check-httpcode="401" failed-check-error-message="bad key" ignore-case="true">
                  <value>Open</value>
                </check-header>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    Reply missing = get(port, "/api/items/1");
    Reply wrong = call(port, "GET", "/api/items/1", Map.of("x-key", "closed"), null);
    Reply right = call(port, "GET", "/api/items/1", Map.of("x-key", "OPEN"), null);

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body()).contains("HeaderNotFound").contains("bad key");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("HeaderValueNotAllowed");
    assertThat(right.status()).isEqualTo(200);
  }

  @Test
  void ip_filter_forbids_listed_callers() throws Exception {
    HttpServer backend = echoBackend();
    String policy =
        """
        <policies>
          <inbound>
            <ip-filter action="%s"><address-range from="127.0.0.0" to="127.0.0.255" /></ip-filter>
          </inbound>
          <backend><forward-request /></backend>
          <outbound />
        </policies>
        """;
    int forbidding = serve(backend, policy.formatted("forbid"));
    Reply refused = get(forbidding, "/api/items/1");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("CallerIpNotAllowed");
  }

  @Test
  void ip_filter_allows_listed_callers() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <ip-filter action="allow"><address>127.0.0.1</address></ip-filter>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    assertThat(get(port, "/api/items/1").status()).isEqualTo(200);
  }

  @Test
  void cors_answers_preflight_and_decorates_actual_responses() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <cors allow-credentials="true">
                  <allowed-origins><origin>https://app.example</origin></allowed-origins>
                  <allowed-methods preflight-result-max-age="300"><method>GET</method><method>PUT</method></allowed-methods>
                  <allowed-headers><header>x-custom</header></allowed-headers>
                  <expose-headers><header>x-total</header></expose-headers>
                </cors>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    Reply preflight =
        call(
            port,
            "OPTIONS",
            "/api/items/1",
            Map.of(
                "origin", "https://app.example",
                "access-control-request-method", "PUT",
                "access-control-request-headers", "x-custom"),
            null);
    Reply actual = call(port, "GET", "/api/items/1", Map.of("origin", "https://app.example"), null);
    Reply foreign = call(port, "GET", "/api/items/1", Map.of("origin", "https://evil.example"), null);

    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.headers().get("access-control-allow-origin")).isEqualTo("https://app.example");
    assertThat(preflight.headers().get("access-control-allow-methods")).isEqualTo("GET, PUT");
    assertThat(preflight.headers().get("access-control-max-age")).isEqualTo("300");
    assertThat(preflight.body()).isEmpty();
    assertThat(actual.body()).startsWith("GET /items/1");
    assertThat(actual.headers().get("access-control-allow-origin")).isEqualTo("https://app.example");
    assertThat(actual.headers().get("access-control-allow-credentials")).isEqualTo("true");
    assertThat(actual.headers().get("access-control-expose-headers")).isEqualTo("x-total");
    assertThat(foreign.status()).isEqualTo(200);
    assertThat(foreign.body()).isEmpty();
    assertThat(foreign.headers().contains("access-control-allow-origin")).isFalse();
  }

  @Test
  void trace_sends_evaluated_entries_to_the_sink() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <trace source="shop" severity="information">
                  <message>@("item " + context.Request.MatchedParameters["id"])</message>
                  <metadata name="op" value="@(context.Operation.Id)" />
                </trace>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    get(port, "/api/items/5");
    get(port, "/api/items/6");

    assertThat(traces).hasSize(2);
    assertThat(traces.get(0).source()).isEqualTo("shop");
    assertThat(traces.get(0).severity()).isEqualTo("information");
    assertThat(traces.get(0).message()).isEqualTo("item 5");
    assertThat(traces.get(0).metadata()).containsEntry("op", "item");
    assertThat(traces.get(1).message()).isEqualTo("item 6");
  }

  @Test
  void send_request_inside_wait_stores_responses_for_later_policies() throws Exception {
    HttpServer backend = echoBackend();
    HttpServer side =
        backend(request -> request.response().setStatusCode(203).end("side:" + request.getHeader("x-ask")));
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <wait for="all">
                  <send-request mode="new" response-variable-name="a" timeout="5">
                    <set-url>http://127.0.0.1:%d/a</set-url>
                    <set-method>GET</set-method>
                    <set-header name="x-ask" exists-action="override"><value>one</value></set-header>
                  </send-request>
                  <send-request mode="new" response-variable-name="b" timeout="5">
                    <set-url>http://127.0.0.1:%d/b</set-url>
                    <set-header name="x-ask" exists-action="override"><value>two</value></set-header>
                  </send-request>
                </wait>
                <send-request mode="new" response-variable-name="c" timeout="2" ignore-error="true">
                  <set-url>http://127.0.0.1:9/unreachable</set-url>
                </send-request>
                <set-header name="x-side" exists-action="override">
                  <value>@(((IResponse)context.Variables["a"]).Body.As<string>() + "," + ((IResponse)context.Variables["b"]).StatusCode + "," + (context.Variables["c"] == null))</value>
                </set-header>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """
                .formatted(side.actualPort(), side.actualPort()));

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.headers().get("x-echo-x-side")).isEqualTo("side:one,203,True");
  }

  @Test
  void forward_request_fails_on_error_status_when_asked() throws Exception {
    HttpServer backend = backend(request -> request.response().setStatusCode(503).end("down"));
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound />
              <backend><forward-request fail-on-error-status-code="true" /></backend>
              <outbound />
              <on-error>
                <set-header name="x-reason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header>
              </on-error>
            </policies>
            """);

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers().get("x-reason")).isEqualTo("backend_error_status");
  }

  @Test
  void send_one_way_request_reaches_its_target_without_holding_the_exchange() throws Exception {
    HttpServer backend = echoBackend();
    java.util.concurrent.CompletableFuture<String> seen = new java.util.concurrent.CompletableFuture<>();
    HttpServer side =
        backend(
            request -> {
              seen.complete(request.method() + " " + request.getHeader("x-item"));
              request.response().end();
            });
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound>
                <send-one-way-request mode="new">
                  <set-url>http://127.0.0.1:%d/audit</set-url>
                  <set-method>PUT</set-method>
                  <set-header name="x-item" exists-action="override"><value>@(context.Request.MatchedParameters["id"])</value></set-header>
                </send-one-way-request>
              </inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """
                .formatted(side.actualPort()));

    Reply reply = get(port, "/api/items/12");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(seen.get(WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("PUT 12");
  }

  @Test
  void forward_request_timeout_from_xml_gives_504_and_last_error() throws Exception {
    HttpServer silent = backend(request -> {});
    int port =
        serve(
            url(silent).toString(),
            """
            <policies>
              <inbound />
              <backend><forward-request timeout-ms="300" /></backend>
              <outbound />
              <on-error>
                <set-header name="x-error" exists-action="override">
                  <value>@(context.LastError.Source + "|" + context.LastError.Reason + "|" + context.LastError.Section)</value>
                </set-header>
              </on-error>
            </policies>
            """,
            GatewayOptions.defaults());

    Reply reply = get(port, "/api/items/1");

    assertThat(reply.status()).isEqualTo(504);
    assertThat(reply.headers().get("x-error")).isEqualTo("forward-request|backend_timeout|backend");
  }

  @Test
  void rewrite_uri_drops_unmatched_query_parameters_when_asked() throws Exception {
    HttpServer backend = echoBackend();
    int port =
        serve(
            backend,
            """
            <policies>
              <inbound><rewrite-uri template="/v1/{id}" copy-unmatched-params="false" /></inbound>
              <backend><forward-request /></backend>
              <outbound />
            </policies>
            """);

    assertThat(get(port, "/api/items/3?secret=1").body()).startsWith("GET /v1/3\n");
  }
}
