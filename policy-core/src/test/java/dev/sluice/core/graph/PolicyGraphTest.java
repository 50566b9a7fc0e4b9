package dev.sluice.core.graph;

import static dev.sluice.core.graph.TestDocuments.fragment;
import static dev.sluice.core.graph.TestDocuments.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Scope;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyGraphTest {

  private static final PolicyDocument GLOBAL =
      policy(
          "policy.xml",
          """
          <policies>
            <inbound>
              <set-header name="from" exists-action="append"><value>global</value></set-header>
            </inbound>
            <backend>
              <forward-request timeout="60" />
            </backend>
            <outbound />
            <on-error>
              <set-header name="error" />
            </on-error>
          </policies>
          """);

  private static final PolicyDocument API =
      policy(
          "apis/echo/policy.xml",
          """
          <policies>
            <inbound>
              <base />
              <set-header name="from-api" />
            </inbound>
            <backend>
              <base />
            </backend>
            <outbound>
              <set-header name="api-out" />
            </outbound>
            <on-error>
              <base />
            </on-error>
          </policies>
          """);

  private static final PolicyDocument OPERATION =
      policy(
          "apis/echo/operations/get/policy.xml",
          """
          <policies>
            <inbound>
              <set-header name="op-first" />
              <base />
            </inbound>
            <backend>
              <base />
            </backend>
            <outbound>
              <base />
            </outbound>
            <on-error>
              <base />
            </on-error>
          </policies>
          """);

  private static final SourcePosition SOURCE = SourcePosition.of("gateway.xml", 1, 1);

  private static Gateway.Operation operation(Optional<PolicyDocument> policy) {
    return new Gateway.Operation("echo", "get", "GET", "/", policy, false, Optional.empty(), SOURCE);
  }

  private static Gateway.Api api(Optional<PolicyDocument> apiPolicy, Optional<PolicyDocument> operationPolicy) {
    return new Gateway.Api(
        "echo", "echo", Optional.of("http://127.0.0.1:1"), apiPolicy, List.of(operation(operationPolicy)), SOURCE);
  }

  private static Gateway gateway(
      Optional<PolicyDocument> global,
      List<Gateway.Product> products,
      Gateway.Api api,
      Map<String, PolicyDocument> fragments) {
    return new Gateway(global, products, List.of(api), fragments, Map.of(), Optional.empty(), Optional.empty(), SOURCE);
  }

  private static PolicyGraph graph(LoadResult<PolicyGraph> result) {
    assertThat(result.value()).as("graph built; diagnostics %s", result.diagnostics()).isPresent();
    return result.value().get();
  }

  private static List<String> headerNames(List<GraphNode> nodes) {
    return nodes.stream().map(n -> n.name() + ":" + n.attributeText("name").orElse("")).toList();
  }

  @Test
  void replaces_base_section_by_section_through_every_level() {
    Gateway gateway = gateway(Optional.of(GLOBAL), List.of(), api(Optional.of(API), Optional.of(OPERATION)), Map.of());

    LoadResult<PolicyGraph> result = PolicyGraph.build(gateway, "echo", "get");
    PolicyGraph graph = graph(result);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(headerNames(graph.section(Section.INBOUND)))
        .containsExactly("set-header:op-first", "set-header:from", "set-header:from-api");
    assertThat(headerNames(graph.section(Section.BACKEND))).containsExactly("forward-request:");
    // The API's outbound has no <base/>: the global outbound (empty anyway) is not pulled in.
    assertThat(headerNames(graph.section(Section.OUTBOUND))).containsExactly("set-header:api-out");
    assertThat(headerNames(graph.section(Section.ON_ERROR))).containsExactly("set-header:error");
    assertThat(graph.assumesDefaultGlobalPolicy()).isFalse();
  }

  @Test
  void keeps_scope_file_position_and_base_chain_of_each_node() {
    Gateway gateway = gateway(Optional.of(GLOBAL), List.of(), api(Optional.of(API), Optional.of(OPERATION)), Map.of());

    List<GraphNode> inbound = graph(PolicyGraph.build(gateway, "echo", "get")).section(Section.INBOUND);

    Provenance own = inbound.get(0).provenance();
    assertThat(own.scope()).isEqualTo(Scope.operation("echo", "get"));
    assertThat(own.position()).isEqualTo(SourcePosition.of("apis/echo/operations/get/policy.xml", 3, 5));
    assertThat(own.via()).isEmpty();

    Provenance global = inbound.get(1).provenance();
    assertThat(global.scope()).isEqualTo(Scope.GLOBAL);
    assertThat(global.file()).isEqualTo("policy.xml");
    assertThat(global.position().line()).isEqualTo(3);
    assertThat(global.via())
        .extracting(Inclusion::kind, Inclusion::from, Inclusion::target, Inclusion::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Inclusion.Kind.BASE,
                Scope.operation("echo", "get"),
                "api echo",
                Optional.of(SourcePosition.of("apis/echo/operations/get/policy.xml", 4, 5))),
            org.assertj.core.groups.Tuple.tuple(
                Inclusion.Kind.BASE,
                Scope.api("echo"),
                "global",
                Optional.of(SourcePosition.of("apis/echo/policy.xml", 3, 5))));

    // Nested elements carry the provenance of their own position.
    GraphNode value = inbound.get(1).children().get(0);
    assertThat(value.name()).isEqualTo("value");
    assertThat(value.provenance().scope()).isEqualTo(Scope.GLOBAL);
    assertThat(value.provenance().position().line()).isEqualTo(3);
  }

  @Test
  void applies_the_chosen_product_between_global_and_api() {
    PolicyDocument gold =
        policy("products/gold/policy.xml", "<policies><inbound><base /><set-header name=\"gold\" /></inbound></policies>");
    PolicyDocument silver =
        policy("products/silver/policy.xml", "<policies><inbound><set-header name=\"silver\" /></inbound></policies>");
    List<Gateway.Product> products =
        List.of(
            new Gateway.Product("gold", Optional.of(gold), List.of("echo"), SOURCE),
            new Gateway.Product("silver", Optional.of(silver), List.of("echo"), SOURCE));
    Gateway gateway = gateway(Optional.of(GLOBAL), products, api(Optional.of(API), Optional.of(OPERATION)), Map.of());

    PolicyGraph first = graph(PolicyGraph.build(gateway, "echo", "get"));
    PolicyGraph silverGraph = graph(PolicyGraph.build(gateway, "echo", "get", Optional.of("silver")));

    assertThat(first.product()).map(Gateway.Product::id).contains("gold");
    assertThat(headerNames(first.section(Section.INBOUND)))
        .containsExactly("set-header:op-first", "set-header:from", "set-header:gold", "set-header:from-api");
    assertThat(first.section(Section.INBOUND).get(1).provenance().via())
        .extracting(Inclusion::target)
        .containsExactly("api echo", "product gold", "global");
    // Silver has no <base/>: the global inbound does not run for its subscribers.
    assertThat(headerNames(silverGraph.section(Section.INBOUND)))
        .containsExactly("set-header:op-first", "set-header:silver", "set-header:from-api");

    LoadResult<List<PolicyGraph>> all = PolicyGraph.buildAll(gateway);
    assertThat(all.value().orElseThrow())
        .extracting(g -> g.product().map(Gateway.Product::id).orElse("-"))
        .containsExactly("gold", "silver");
  }

  @Test
  void scope_without_policy_file_inherits_its_parent_unchanged() {
    Gateway gateway = gateway(Optional.of(GLOBAL), List.of(), api(Optional.empty(), Optional.empty()), Map.of());

    LoadResult<PolicyGraph> result = PolicyGraph.build(gateway, "echo", "get");
    PolicyGraph graph = graph(result);

    assertThat(result.diagnostics()).isEmpty();
    assertThat(headerNames(graph.section(Section.INBOUND))).containsExactly("set-header:from");
    assertThat(graph.section(Section.INBOUND).get(0).provenance().via())
        .extracting(Inclusion::kind, Inclusion::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Inclusion.Kind.IMPLICIT_BASE, "api echo"),
            org.assertj.core.groups.Tuple.tuple(Inclusion.Kind.IMPLICIT_BASE, "global"));
  }

  @Test
  void assumes_apim_default_global_policy_when_there_is_none() {
    Gateway gateway = gateway(Optional.empty(), List.of(), api(Optional.of(API), Optional.empty()), Map.of());

    PolicyGraph graph = graph(PolicyGraph.build(gateway, "echo", "get"));

    assertThat(graph.assumesDefaultGlobalPolicy()).isTrue();
    List<GraphNode> backend = graph.section(Section.BACKEND);
    assertThat(backend).extracting(GraphNode::name).containsExactly("forward-request");
    assertThat(backend.get(0).attributes()).isEmpty();
    assertThat(backend.get(0).provenance().position())
        .isEqualTo(SourcePosition.of(PolicyGraph.DEFAULT_GLOBAL_POLICY_FILE, 4, 5));
    assertThat(PolicyGraph.DEFAULT_GLOBAL_POLICY_XML.lines().toList().get(3))
        .isEqualTo("    <forward-request />");
  }

  @Test
  void missing_section_inherits_nothing_and_warns() {
    PolicyDocument inboundOnly =
        policy("apis/echo/policy.xml", "<policies>\n  <inbound><base /></inbound>\n</policies>");
    Gateway gateway = gateway(Optional.of(GLOBAL), List.of(), api(Optional.of(inboundOnly), Optional.empty()), Map.of());

    LoadResult<PolicyGraph> result = PolicyGraph.build(gateway, "echo", "get");
    PolicyGraph graph = graph(result);

    assertThat(graph.section(Section.BACKEND)).isEmpty();
    assertThat(graph.section(Section.ON_ERROR)).isEmpty();
    assertThat(headerNames(graph.section(Section.INBOUND))).containsExactly("set-header:from");
    assertThat(result.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly("MISSING_SECTION", "MISSING_SECTION", "MISSING_SECTION");
    assertThat(result.diagnostics().get(0).position()).isEqualTo(SourcePosition.of("apis/echo/policy.xml", 1, 1));
    assertThat(result.diagnostics().get(0).message()).contains("<backend>", "global", "<base />");
  }

  @Test
  void inlines_fragments_at_section_level_and_inside_choose() {
    PolicyDocument api =
        policy(
            "apis/echo/policy.xml",
            """
            <policies>
              <inbound>
                <include-fragment fragment-id="cors" />
                <choose>
                  <when condition="true">
                    <include-fragment fragment-id="auth" />
                  </when>
                  <otherwise>
                    <set-header name="anonymous" />
                  </otherwise>
                </choose>
              </inbound>
            </policies>
            """);
    PolicyDocument cors =
        fragment("policy fragments/cors/policy.xml", "<fragment>\n  <set-header name=\"cors\" />\n</fragment>");
    PolicyDocument auth =
        fragment(
            "policy fragments/auth/policy.xml",
            "<fragment>\n  <include-fragment fragment-id=\"cors\" />\n  <set-header name=\"auth\" />\n</fragment>");
    Gateway gateway =
        gateway(Optional.of(GLOBAL), List.of(), api(Optional.of(api), Optional.empty()), Map.of("cors", cors, "auth", auth));

    LoadResult<PolicyGraph> result = PolicyGraph.build(gateway, "echo", "get");
    List<GraphNode> inbound = graph(result).section(Section.INBOUND);

    assertThat(result.diagnostics()).extracting(Diagnostic::code).doesNotContain("MISSING_FRAGMENT", "INCLUDE_CYCLE");
    assertThat(headerNames(inbound)).containsExactly("set-header:cors", "choose:");
    Provenance corsOrigin = inbound.get(0).provenance();
    assertThat(corsOrigin.scope()).isEqualTo(Scope.api("echo"));
    assertThat(corsOrigin.fragmentId()).contains("cors");
    assertThat(corsOrigin.position()).isEqualTo(SourcePosition.of("policy fragments/cors/policy.xml", 2, 3));
    assertThat(corsOrigin.via())
        .extracting(Inclusion::kind, Inclusion::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Inclusion.Kind.IMPLICIT_BASE, "api echo"),
            org.assertj.core.groups.Tuple.tuple(Inclusion.Kind.FRAGMENT, "cors"));

    GraphNode when = inbound.get(1).children().get(0);
    assertThat(headerNames(when.children())).containsExactly("set-header:cors", "set-header:auth");
    assertThat(when.children().get(0).provenance().via())
        .extracting(Inclusion::target)
        .containsExactly("api echo", "auth", "cors");
    assertThat(when.children().get(1).provenance().fragmentId()).contains("auth");
    // The written node keeps the include; the effective one does not.
    assertThat(when.node().children()).extracting(n -> n.name()).containsExactly("include-fragment");
  }

  @Test
  void reports_include_cycle_at_the_include_that_closes_it() {
    PolicyDocument api =
        policy("apis/echo/policy.xml", "<policies>\n  <inbound>\n    <include-fragment fragment-id=\"a\" />\n  </inbound>\n</policies>");
    PolicyDocument a = fragment("a.xml", "<fragment>\n  <include-fragment fragment-id=\"b\" />\n</fragment>");
    PolicyDocument b =
        fragment("b.xml", "<fragment>\n  <set-header name=\"b\" />\n  <include-fragment fragment-id=\"a\" />\n</fragment>");
    Gateway gateway = gateway(Optional.of(GLOBAL), List.of(), api(Optional.of(api), Optional.empty()), Map.of("a", a, "b", b));

    LoadResult<PolicyGraph> result = PolicyGraph.build(gateway, "echo", "get");
    List<GraphNode> inbound = graph(result).section(Section.INBOUND);

    assertThat(result.errors()).hasSize(1);
    Diagnostic cycle = result.errors().get(0);
    assertThat(cycle.code()).isEqualTo(DiagnosticCode.INCLUDE_CYCLE.name());
    assertThat(cycle.position()).isEqualTo(SourcePosition.of("b.xml", 3, 3));
    assertThat(cycle.message()).contains("a -> b -> a");
    assertThat(headerNames(inbound)).containsExactly("set-header:b", "include-fragment:");
  }

  @Test
  void reports_missing_fragment_at_its_id_and_keeps_the_include() {
    PolicyDocument api =
        policy("apis/echo/policy.xml", "<policies>\n  <inbound>\n    <include-fragment fragment-id=\"nope\" />\n  </inbound>\n</policies>");
    Gateway gateway = gateway(Optional.of(GLOBAL), List.of(), api(Optional.of(api), Optional.empty()), Map.of());

    LoadResult<PolicyGraph> result = PolicyGraph.build(gateway, "echo", "get");

    assertThat(result.errors()).extracting(Diagnostic::code).containsExactly("MISSING_FRAGMENT");
    assertThat(result.errors().get(0).position()).isEqualTo(SourcePosition.of("apis/echo/policy.xml", 3, 23));
    assertThat(result.errors().get(0).message()).contains("'nope'");
    assertThat(graph(result).section(Section.INBOUND)).extracting(GraphNode::name).containsExactly("include-fragment");
  }

  @Test
  void reports_and_drops_base_at_global_scope() {
    PolicyDocument global =
        policy("policy.xml", "<policies>\n  <inbound>\n    <base />\n    <set-header name=\"g\" />\n  </inbound>\n</policies>");
    Gateway gateway = gateway(Optional.of(global), List.of(), api(Optional.empty(), Optional.empty()), Map.of());

    LoadResult<PolicyGraph> result = PolicyGraph.build(gateway, "echo", "get");

    assertThat(result.errors()).extracting(Diagnostic::code, Diagnostic::position)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("BASE_AT_GLOBAL_SCOPE", SourcePosition.of("policy.xml", 3, 5)));
    assertThat(headerNames(graph(result).section(Section.INBOUND))).containsExactly("set-header:g");
  }

  @Test
  void unknown_ids_give_no_graph_and_an_unknown_reference() {
    Gateway gateway = gateway(Optional.of(GLOBAL), List.of(), api(Optional.empty(), Optional.empty()), Map.of());

    assertThat(PolicyGraph.build(gateway, "nope", "get").value()).isEmpty();
    LoadResult<PolicyGraph> badOperation = PolicyGraph.build(gateway, "echo", "nope");
    assertThat(badOperation.value()).isEmpty();
    assertThat(badOperation.errors()).extracting(Diagnostic::code).containsExactly("UNKNOWN_REFERENCE");
    assertThat(badOperation.errors().get(0).message()).contains("operations: get");
    assertThat(PolicyGraph.build(gateway, "echo", "get", Optional.of("gold")).errors())
        .extracting(Diagnostic::code)
        .containsExactly("UNKNOWN_REFERENCE");
  }

  @Test
  void prints_effective_policy_with_provenance_comments() throws Exception {
    PolicyDocument api =
        policy(
            "apis/echo/policy.xml",
            """
            <policies>
              <inbound>
                <base />
                <choose>
                  <when condition="@(context.Request.Headers.ContainsKey(&quot;x&quot;) &amp;&amp; true)">
                    <include-fragment fragment-id="cors" />
                  </when>
                </choose>
              </inbound>
              <backend>
                <base />
              </backend>
              <outbound>
                <base />
              </outbound>
              <on-error />
            </policies>
            """);
    PolicyDocument cors =
        fragment("policy fragments/cors/policy.xml", "<fragment>\n  <set-header name=\"cors\"><value>a&lt;b</value></set-header>\n</fragment>");
    Gateway.Operation stream =
        new Gateway.Operation("echo", "events", "GET", "/events", Optional.empty(), true, Optional.of(Duration.ofSeconds(30)), SOURCE);
    Gateway.Api echo = new Gateway.Api("echo", "echo", Optional.empty(), Optional.of(api), List.of(stream), SOURCE);
    Gateway gateway =
        new Gateway(Optional.empty(), List.of(), List.of(echo), Map.of("cors", cors), Map.of(), Optional.empty(), Optional.empty(), SOURCE);

    String printed = PolicyGraphPrinter.create().print(graph(PolicyGraph.build(gateway, "echo", "events")));

    Golden.assertMatches("graph/printed-graph.xml", printed);
  }
}
