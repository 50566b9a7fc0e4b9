package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.catalog.CatalogValidator;
import dev.sluice.core.catalog.PolicyCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class GatewayDescriptorTest {
  private static final Path DIR = Path.of("src", "test", "resources", "descriptor");

  static GatewayLoader loader() {
    return GatewayLoader.create();
  }

  private static String file(String relative) {
    return DIR.resolve(relative).toString();
  }

  @Test
  void loads_every_part_of_a_descriptor_with_policies_relative_to_it() {
    LoadResult<Gateway> result = loader().load(DIR.resolve("valid/gateway.xml"));

    assertThat(result.diagnostics()).isEmpty();
    Gateway gateway = result.value().orElseThrow();
    assertThat(gateway.tier()).contains("StandardV2");
    assertThat(gateway.globalPolicy().orElseThrow().file()).isEqualTo(file("valid/global.xml"));
    assertThat(gateway.frontProxy().orElseThrow().responseBuffering()).contains(false);
    assertThat(gateway.frontProxy().orElseThrow().requestTimeout()).contains(Duration.ofSeconds(240));
    assertThat(gateway.namedValue("backend-key").orElseThrow().secret()).isTrue();
    assertThat(gateway.fragment("cors").orElseThrow().file()).isEqualTo(file("valid/fragments/cors.xml"));
    assertThat(gateway.productsOf("echo-api")).extracting(Gateway.Product::id).containsExactly("starter");

    Gateway.Api api = gateway.api("echo-api").orElseThrow();
    assertThat(api.path()).isEqualTo("echo");
    assertThat(api.backendUrl()).contains("http://127.0.0.1:8081");
    assertThat(api.source()).isEqualTo(SourcePosition.of(file("valid/gateway.xml"), 10, 3));
    assertThat(api.operations())
        .extracting(Gateway.Operation::id, Gateway.Operation::method, Gateway.Operation::streaming)
        .containsExactly(tuple("get-echo", "GET", false), tuple("stream-events", "GET", true));
    Gateway.Operation stream = api.operation("stream-events").orElseThrow();
    assertThat(stream.maxEventGap()).contains(Duration.ofSeconds(20));
    assertThat(stream.policy().orElseThrow().file()).isEqualTo(file("valid/apis/stream-events.xml"));
    assertThat(api.operation("get-echo").orElseThrow().policy()).isEmpty();
  }

  @Test
  void reports_unknown_elements_and_attributes_duplicates_and_references_with_positions() {
    LoadResult<Gateway> result = loader().load(DIR.resolve("invalid/unknown-element.xml"));
    String name = file("invalid/unknown-element.xml");

    assertThat(result.diagnostics())
        .as("diagnostics %s", result.diagnostics())
        .extracting(Diagnostic::code, d -> d.position().line())
        .contains(
            tuple("INVALID_DESCRIPTOR", 3), // colour="blue"
            tuple("INVALID_DESCRIPTOR", 4), // <operaton>
            tuple("UNKNOWN_REFERENCE", 7), // api-ref nope
            tuple("INVALID_DESCRIPTOR", 9)); // second echo-api
    assertThat(result.diagnostics()).allMatch(d -> d.position().file().equals(name));
    assertThat(result.diagnostics()).filteredOn(d -> d.position().line() == 3)
        .anySatisfy(d -> assertThat(d.message()).contains("colour"));
    assertThat(result.diagnostics()).filteredOn(d -> d.position().line() == 4)
        .anySatisfy(d -> assertThat(d.message()).contains("operaton"));
    assertThat(result.diagnostics()).filteredOn(d -> d.position().line() == 4).hasSize(1);
    // What could be read is still there.
    Gateway gateway = result.value().orElseThrow();
    assertThat(gateway.api("echo-api").orElseThrow().path()).isEqualTo("echo");
    assertThat(gateway.product("p").orElseThrow().apiIds()).isEmpty();
  }

  @Test
  void rejects_malformed_xml_with_position() {
    LoadResult<Gateway> result = loader().load(DIR.resolve("invalid/not-well-formed.xml"));

    assertThat(result.value()).isEmpty();
    assertThat(result.errors()).hasSize(1);
    Diagnostic error = result.errors().get(0);
    assertThat(error.code()).isEqualTo("NOT_WELL_FORMED");
    assertThat(error.position().file()).isEqualTo(file("invalid/not-well-formed.xml"));
    assertThat(error.position().line()).isEqualTo(3);
    assertThat(error.message()).contains("apis");
  }

  @Test
  void rejects_doctype_with_position() {
    LoadResult<Gateway> result = loader().load(DIR.resolve("invalid/doctype.xml"));

    assertThat(result.value()).isEmpty();
    assertThat(result.errors())
        .extracting(Diagnostic::code, Diagnostic::position)
        .containsExactly(tuple("DOCTYPE_FORBIDDEN", SourcePosition.of(file("invalid/doctype.xml"), 2, 1)));
  }

  @Test
  void rejects_undeclared_entity_without_expanding_it() {
    LoadResult<Gateway> result = loader().load(DIR.resolve("invalid/undeclared-entity.xml"));

    assertThat(result.value()).isEmpty();
    assertThat(result.errors())
        .extracting(Diagnostic::code, d -> d.position().line())
        .containsExactly(tuple("NOT_WELL_FORMED", 3));
    assertThat(result.errors().get(0).message()).contains("secret");
  }

  @Test
  void reports_missing_policy_file_where_it_is_declared() {
    LoadResult<Gateway> result = loader().load(DIR.resolve("invalid/missing-policy.xml"));
    String name = file("invalid/missing-policy.xml");

    assertThat(result.errors())
        .extracting(Diagnostic::code, Diagnostic::position)
        .containsExactlyInAnyOrder(
            tuple("MISSING_POLICY_FILE", SourcePosition.of(name, 2, 3)),
            tuple("INVALID_DESCRIPTOR", SourcePosition.of(name, 4, 5)));
    Gateway gateway = result.value().orElseThrow();
    assertThat(gateway.globalPolicy()).isEmpty();
    assertThat(gateway.operation("echo-api", "a").orElseThrow().maxEventGap()).isEmpty();
  }

  @Test
  void example_descriptors_validate_against_the_shipped_schema() throws IOException, SAXException {
    var validator = DescriptorLoader.schema().newValidator();
    List<Path> descriptors;
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "resources"))) {
      descriptors = files.filter(p -> p.getFileName().toString().equals("gateway.xml")).toList();
    }
    assertThat(descriptors).isNotEmpty();
    for (Path descriptor : descriptors) {
      validator.validate(new StreamSource(descriptor.toFile()));
    }
    assertThat(GatewayDescriptorTest.class.getResource(GatewayLoader.descriptorSchemaResource())).isNotNull();
  }

  @Test
  void schema_rejects_what_the_loader_rejects() {
    var validator = DescriptorLoader.schema().newValidator();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> validator.validate(new StreamSource(DIR.resolve("invalid/unknown-element.xml").toFile())))
        .isInstanceOf(SAXException.class);
  }
}
