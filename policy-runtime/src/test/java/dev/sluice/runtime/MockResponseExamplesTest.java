package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.LoadResult;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mock-response answers with the examples of the API's specification (an APIOps extract). */
class MockResponseExamplesTest extends GatewayTestSupport {
  @TempDir Path extract;

  private record Reply(int status, MultiMap headers, String body) {}

  private Reply get(int port, String path, Map<String, String> headers) throws Exception {
    RequestOptions options =
        new RequestOptions().setHost("127.0.0.1").setPort(port).setMethod(HttpMethod.GET).setURI(path);
    headers.forEach(options::addHeader);
    return join(
        onContext(() -> client
            .request(options)
            .compose(request -> request.send())
            .compose(
                response ->
                    response
                        .body()
                        .map(body -> new Reply(response.statusCode(), response.headers(), body.toString())))));
  }

  @Test
  void mock_response_returns_the_specification_example_for_status_and_content_type() throws Exception {
    Path shop = Files.createDirectories(extract.resolve("apis").resolve("shop"));
    // No backend listens at port 9: a mocked answer never calls it.
    Files.writeString(
        shop.resolve("apiInformation.json"),
        """
        {"properties": {"path": "shop", "serviceUrl": "http://127.0.0.1:9"}}
        """);
    Files.writeString(
        shop.resolve("specification.json"),
        """
        {"openapi": "3.0.1", "info": {"title": "Shop", "version": "1"},
         "paths": {"/items/{id}": {"get": {"operationId": "get-item", "responses": {
           "200": {"description": "OK", "content": {
             "application/json": {"example": {"id": 1, "name": "tea"}},
             "text/plain": {"examples": {"short": {"value": "tea"}}}}},
           "404": {"description": "Not found"}}}}}}
        """);
    Files.writeString(
        shop.resolve("policy.xml"),
        """
        <policies>
          <inbound>
            <choose>
              <when condition="@(context.Request.Headers.ContainsKey("x-plain"))">
                <mock-response status-code="200" content-type="text/plain; charset=utf-8" />
              </when>
              <when condition="@(context.Request.Headers.ContainsKey("x-missing"))">
                <mock-response status-code="404" content-type="application/json" />
              </when>
              <otherwise>
                <mock-response />
              </otherwise>
            </choose>
          </inbound>
          <backend><forward-request /></backend>
          <outbound />
        </policies>
        """);
    LoadResult<RoutingTable> routes = GatewayRoutes.load(extract, CompilerOptions.defaults());
    assertThat(routes.errors()).isEmpty();
    int port = gateway(GatewayOptions.defaults(), routes.value().orElseThrow()).port();

    Reply first = get(port, "/shop/items/1", Map.of());
    Reply plain = get(port, "/shop/items/1", Map.of("x-plain", "1"));
    Reply missing = get(port, "/shop/items/1", Map.of("x-missing", "1"));

    // No content-type asked: the first example of the status, with its media type.
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.headers().get("content-type")).isEqualTo("application/json");
    assertThat(first.body()).isEqualTo("{\"id\":1,\"name\":\"tea\"}");
    // The asked media type selects its example (parameters aside) and is sent as asked.
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(plain.body()).isEqualTo("tea");
    // No example for the status: the content type as asked, and no body.
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().get("content-type")).isEqualTo("application/json");
    assertThat(missing.body()).isEmpty();
  }
}
