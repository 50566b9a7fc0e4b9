package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private static final URI BACKEND = URI.create("http://backend.example:8080/v1");
  private static final Pipeline PIPELINE = Pipeline.builder().build();

  private static Route route(String api, String method, String template) {
    return new Route(api, method, template, BACKEND, PIPELINE);
  }

  @Test
  void binds_template_parameters_percent_decoded() {
    Route items = route("/shop", "GET", "/items/{id}/parts/{part}");
    RoutingTable table = RoutingTable.of(List.of(items));

    RoutingTable.RouteMatch match = table.match("GET", "/shop/items/a%2Fb/parts/c+d", "q=1").orElseThrow();

    assertThat(match.route()).isSameAs(items);
    assertThat(match.parameters()).isEqualTo(Map.of("id", "a/b", "part", "c+d"));
    assertThat(match.backendUrl())
        .isEqualTo(URI.create("http://backend.example:8080/v1/items/a%2Fb/parts/c+d?q=1"));
  }

  @Test
  void method_segment_count_and_api_boundary_must_match() {
    RoutingTable table = RoutingTable.of(List.of(route("/shop", "GET", "/items/{id}")));

    assertThat(table.match("POST", "/shop/items/1", null)).isEmpty();
    assertThat(table.match("GET", "/shop/items/1/extra", null)).isEmpty();
    assertThat(table.match("GET", "/shop/items/", null)).isEmpty();
    assertThat(table.match("GET", "/shopping/items/1", null)).isEmpty();
    assertThat(table.match("GET", "/shop/items/1", null)).isPresent();
  }

  @Test
  void literal_routes_win_over_parameters_and_catch_alls() {
    Route any = route("/shop", "*", "/{*rest}");
    Route byId = route("/shop", "GET", "/items/{id}");
    Route latest = route("/shop", "GET", "/items/latest");
    RoutingTable table = RoutingTable.of(List.of(any, byId, latest));

    assertThat(table.match("GET", "/shop/items/latest", null).orElseThrow().route()).isSameAs(latest);
    assertThat(table.match("GET", "/shop/items/7", null).orElseThrow().route()).isSameAs(byId);
    RoutingTable.RouteMatch rest = table.match("DELETE", "/shop/a/b/c", null).orElseThrow();
    assertThat(rest.route()).isSameAs(any);
    assertThat(rest.parameters()).containsEntry("rest", "a/b/c");
  }

  @Test
  void longer_api_path_wins() {
    Route outer = route("/api", "*", "/{*rest}");
    Route inner = route("/api/v2", "*", "/{*rest}");
    RoutingTable table = RoutingTable.of(List.of(outer, inner));

    assertThat(table.match("GET", "/api/v2/x", null).orElseThrow().route()).isSameAs(inner);
    assertThat(table.match("GET", "/api/v1/x", null).orElseThrow().route()).isSameAs(outer);
  }

  @Test
  void rejects_malformed_templates() {
    assertThatThrownBy(() -> route("/a", "GET", "items")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> route("/a", "GET", "/{*rest}/more"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> route("/a", "GET", "/item-{id}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Route("/a", "GET", "/x", URI.create("ftp://h/"), PIPELINE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
