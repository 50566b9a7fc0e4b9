package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayTest {
  private static final SourcePosition SOURCE = SourcePosition.of("gateway.xml", 1, 1);

  private static Gateway.Operation operation(String apiId, String id) {
    return new Gateway.Operation(apiId, id, "GET", "/" + id, Optional.empty(), false, Optional.empty(), SOURCE);
  }

  private static Gateway.Api api(String id, Gateway.Operation... operations) {
    return new Gateway.Api(id, id, Optional.empty(), Optional.empty(), List.of(operations), SOURCE);
  }

  private static final Gateway GATEWAY =
      new Gateway(
          Optional.empty(),
          List.of(
              new Gateway.Product("gold", Optional.empty(), List.of("b"), SOURCE),
              new Gateway.Product("all", Optional.empty(), List.of("a", "b"), SOURCE)),
          List.of(api("a", operation("a", "one")), api("b", operation("b", "two"), operation("b", "three"))),
          Map.of(),
          Map.of(),
          Optional.of("Premium"),
          Optional.empty(),
          SOURCE);

  @Test
  void lists_operations_in_declaration_order_and_finds_them() {
    assertThat(GATEWAY.operations()).extracting(Gateway.Operation::scope)
        .containsExactly(Scope.operation("a", "one"), Scope.operation("b", "two"), Scope.operation("b", "three"));
    assertThat(GATEWAY.operation("b", "three")).map(Gateway.Operation::urlTemplate).contains("/three");
    assertThat(GATEWAY.operation("a", "three")).isEmpty();
  }

  @Test
  void answers_product_membership_from_the_api_side() {
    assertThat(GATEWAY.productsOf("b")).extracting(Gateway.Product::id).containsExactly("gold", "all");
    assertThat(GATEWAY.productsOf("a")).extracting(Gateway.Product::id).containsExactly("all");
    assertThat(GATEWAY.productsOf("c")).isEmpty();
  }

  @Test
  void rejects_duplicate_ids_and_misplaced_operations() {
    assertThatThrownBy(() -> Gateway.of(List.of(api("a"), api("a")), Map.of(), SOURCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate API id: a");
    assertThatThrownBy(() -> api("a", operation("b", "x"))).hasMessageContaining("belongs to API b");
    assertThatThrownBy(() -> api("a", operation("a", "x"), operation("a", "x"))).hasMessageContaining("duplicate operation");
  }

  @Test
  void event_gap_only_on_streaming_operations() {
    assertThatThrownBy(
            () -> new Gateway.Operation("a", "x", "GET", "/", Optional.empty(), false, Optional.of(Duration.ofSeconds(5)), SOURCE))
        .hasMessageContaining("streaming");
    assertThat(new Gateway.Operation("a", "x", "GET", "/", Optional.empty(), true, Optional.of(Duration.ofSeconds(5)), SOURCE).maxEventGap())
        .contains(Duration.ofSeconds(5));
  }
}
