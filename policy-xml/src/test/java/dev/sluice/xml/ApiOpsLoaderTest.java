package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.core.graph.PolicyGraphPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiOpsLoaderTest {
  private static final Path EXTRACT = Path.of("src", "test", "resources", "apiops");

  private static LoadResult<Gateway> load() {
    return GatewayDescriptorTest.loader().load(EXTRACT);
  }

  private static String file(String relative) {
    return EXTRACT.resolve(relative).toString();
  }

  @Test
  void reads_scopes_products_fragments_and_named_values_of_an_extract() {
    Gateway gateway = load().value().orElseThrow();

    assertThat(gateway.globalPolicy().orElseThrow().file()).isEqualTo(file("policy.xml"));
    assertThat(gateway.products()).extracting(Gateway.Product::id).containsExactly("starter");
    assertThat(gateway.productsOf("echo-api")).extracting(p -> p.policy().orElseThrow().file())
        .containsExactly(file("products/starter/policy.xml"));
    assertThat(gateway.fragments()).containsOnlyKeys("cors-headers");
    Gateway.NamedValue key = gateway.namedValue("backend-key").orElseThrow();
    assertThat(key.secret()).isTrue();
    assertThat(key.value()).isEmpty();

    Gateway.Api api = gateway.api("echo-api").orElseThrow();
    assertThat(api.path()).isEqualTo("echo");
    assertThat(api.backendUrl()).contains("http://echoapi.cloudapp.net/api");
    assertThat(api.policy().orElseThrow().file()).isEqualTo(file("apis/echo-api/policy.xml"));
  }

  @Test
  void takes_operations_from_the_specification_and_marks_event_streams() {
    LoadResult<Gateway> result = load();
    Gateway.Api api = result.value().orElseThrow().api("echo-api").orElseThrow();

    assertThat(api.operations())
        .extracting(Gateway.Operation::id, Gateway.Operation::method, Gateway.Operation::urlTemplate, Gateway.Operation::streaming)
        .containsExactly(
            tuple("retrieve-resource", "GET", "/resource", false),
            tuple("create-resource", "POST", "/resource", false),
            tuple("stream-events", "GET", "/events", true),
            tuple("legacy-op", "*", "/*", false));
    Gateway.Operation stream = api.operation("stream-events").orElseThrow();
    assertThat(stream.maxEventGap()).contains(Duration.ofSeconds(30));
    assertThat(stream.source()).isEqualTo(SourcePosition.of(file("apis/echo-api/specification.yaml"), 32, 5));
    assertThat(stream.policy().orElseThrow().file()).isEqualTo(file("apis/echo-api/operations/stream-events/policy.xml"));
    assertThat(api.operation("retrieve-resource").orElseThrow().policy()).isEmpty();
    // An operation folder the specification does not list still exists, with a warning.
    assertThat(result.diagnostics())
        .extracting(Diagnostic::code, Diagnostic::position)
        .containsExactly(
            tuple("INVALID_SPECIFICATION", SourcePosition.of(file("apis/echo-api/operations/legacy-op"), 1, 1)));
  }

  @Test
  void prints_the_effective_policy_of_the_stream_operation() throws Exception {
    Gateway gateway = load().value().orElseThrow();

    LoadResult<PolicyGraph> graph = PolicyGraph.build(gateway, "echo-api", "stream-events");

    assertThat(graph.diagnostics()).isEmpty();
    PolicyGraph effective = graph.value().orElseThrow();
    assertThat(effective.product()).map(Gateway.Product::id).contains("starter");
    assertThat(effective.section(Section.INBOUND)).extracting(n -> n.name())
        .containsExactly("rate-limit", "cors", "set-header", "choose");
    Golden.assertMatches("apiops-stream-events.xml", PolicyGraphPrinter.create().print(effective));
  }

  @Test
  void loads_a_folder_of_policy_files_as_apis_and_fragments() {
    Path folder = Path.of("src", "test", "resources", "policies", "mixed");
    LoadResult<Gateway> result = GatewayDescriptorTest.loader().load(folder);

    assertThat(result.diagnostics()).isEmpty();
    Gateway gateway = result.value().orElseThrow();
    assertThat(gateway.apis()).extracting(Gateway.Api::id).containsExactly("echo");
    assertThat(gateway.fragments()).containsOnlyKeys("headers");
    Gateway.Operation any = gateway.api("echo").orElseThrow().operations().get(0);
    assertThat(any.streaming()).as("marked by <!-- sluice:sse -->").isTrue();
    PolicyGraph graph = PolicyGraph.build(gateway, "echo", "*").value().orElseThrow();
    assertThat(graph.assumesDefaultGlobalPolicy()).isTrue();
    assertThat(graph.section(Section.INBOUND)).extracting(n -> n.attributeText("name").orElse(""))
        .containsExactly("X-Sub");
    assertThat(graph.section(Section.BACKEND)).extracting(n -> n.name()).containsExactly("forward-request");
  }

  @Test
  void loads_a_single_policy_file_as_one_api() {
    Path file = Path.of("src", "test", "resources", "policies", "mixed", "echo.xml");
    LoadResult<Gateway> result = GatewayDescriptorTest.loader().load(file);

    Gateway gateway = result.value().orElseThrow();
    assertThat(gateway.apis()).extracting(Gateway.Api::id).containsExactly("echo");
    assertThat(gateway.api("echo").orElseThrow().policy().orElseThrow().file()).isEqualTo(file.toString());
    // Its fragment is not loaded, so the graph reports it.
    assertThat(PolicyGraph.build(gateway, "echo", "*").errors()).extracting(Diagnostic::code)
        .containsExactly("MISSING_FRAGMENT");
  }

  @Test
  void reports_a_path_that_does_not_exist() {
    LoadResult<Gateway> result = GatewayDescriptorTest.loader().load(Path.of("no", "such", "thing"));

    assertThat(result.value()).isEmpty();
    assertThat(result.errors()).extracting(Diagnostic::code).containsExactly("IO_ERROR");
  }
  @Test
  void reads_response_examples_of_openapi_3_and_swagger_2(@TempDir Path extract) throws Exception {
    Path shop = Files.createDirectories(extract.resolve("apis").resolve("shop"));
    Files.writeString(
        shop.resolve("specification.json"),
        """
        {"openapi": "3.0.1", "info": {"title": "Shop", "version": "1"},
         "paths": {"/items/{id}": {"get": {"operationId": "get-item", "responses": {
           "200": {"description": "OK", "content": {
             "application/json": {"example": {"id": 1, "name": "tea"}},
             "text/plain": {"examples": {"short": {"summary": "s", "value": "tea"}, "long": {"value": "green tea"}}},
             "application/xml": {"schema": {"type": "object"}}}},
           "404": {"description": "Not found"}}}}}}
        """);
    Path legacy = Files.createDirectories(extract.resolve("apis").resolve("legacy"));
    Files.writeString(
        legacy.resolve("specification.yaml"),
        """
        swagger: '2.0'
        info: {title: Legacy, version: '1'}
        paths:
          /ping:
            get:
              operationId: ping
              produces: [application/json]
              responses:
                '200':
                  description: OK
                  examples:
                    application/json: {pong: true}
        """);

    Gateway gateway = GatewayDescriptorTest.loader().load(extract).value().orElseThrow();

    assertThat(gateway.api("shop").orElseThrow().operation("get-item").orElseThrow().examples())
        .containsExactly(
            new Gateway.ResponseExample("200", "application/json", "{\"id\":1,\"name\":\"tea\"}"),
            new Gateway.ResponseExample("200", "text/plain", "tea"));
    assertThat(gateway.api("legacy").orElseThrow().operation("ping").orElseThrow().examples())
        .containsExactly(new Gateway.ResponseExample("200", "application/json", "{\"pong\":true}"));
  }
}
