package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.core.graph.PolicyGraphPrinter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The realistic policy files assembled into one gateway ({@code realistic/gateway.xml}: global,
 * product, API, operations and a fragment): each operation's effective policy matches its golden
 * graph dump, and neither loading nor assembling the graph reports an error.
 */
class RealisticGatewayTest {
  private static final Path DESCRIPTOR = Path.of("src", "test", "resources", "realistic", "gateway.xml");
  private static final LoadResult<Gateway> LOADED = GatewayLoader.create().load(DESCRIPTOR);

  static Stream<String> operations() {
    return LOADED.value().orElseThrow().api("orders").orElseThrow().operations().stream()
        .map(Gateway.Operation::id);
  }

  @Test
  void loads_the_realistic_gateway_with_no_error() {
    assertThat(LOADED.errors())
        .as("loading %s", DESCRIPTOR)
        .extracting(d -> d.position() + " " + d.code() + " " + d.message())
        .isEmpty();
    Gateway gateway = LOADED.value().orElseThrow();
    assertThat(gateway.fragment("trace-headers")).isPresent();
    assertThat(gateway.productsOf("orders")).extracting(Gateway.Product::id).containsExactly("streaming");
  }

  @ParameterizedTest
  @MethodSource("operations")
  void effective_policy_of_each_operation_matches_its_golden_graph(String operation) throws Exception {
    LoadResult<PolicyGraph> graph = PolicyGraph.build(LOADED.value().orElseThrow(), "orders", operation);

    assertThat(graph.diagnostics()).filteredOn(Diagnostic::isError).isEmpty();
    Golden.assertMatches(
        "realistic-gateway/" + operation + ".xml",
        PolicyGraphPrinter.create().print(graph.value().orElseThrow()));
  }
}
