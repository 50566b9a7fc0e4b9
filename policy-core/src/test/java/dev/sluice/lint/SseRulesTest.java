package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Gateway;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.graph.PolicyGraph;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SSE rules over whole gateways: inheritance, assumptions, fixes, non-streaming operations. */
class SseRulesTest {

  private static final String GLOBAL =
      """
      <policies>
        <inbound />
        <backend>
          <forward-request timeout="60" />
        </backend>
        <outbound>
          <find-and-replace from="a" to="b" />
        </outbound>
        <on-error />
      </policies>
      """;

  private static final String INHERITING =
      """
      <policies>
        <inbound>
          <base />
        </inbound>
        <backend>
          <base />
        </backend>
        <outbound>
          <!-- sluice-disable SSE006: the rewrite only touches error pages -->
          <base />
        </outbound>
        <on-error>
          <base />
        </on-error>
      </policies>
      """;

  private static Gateway gateway(
      Optional<PolicyDocument> global, PolicyDocument operationPolicy, boolean streaming,
      int products) {
    SourcePosition source = SourcePosition.of("gateway.xml", 1, 1);
    Gateway.Operation operation =
        new Gateway.Operation("chat", "events", "GET", "/events", Optional.of(operationPolicy),
            streaming, Optional.empty(), source);
    Gateway.Api api =
        new Gateway.Api("chat", "chat", Optional.empty(), Optional.empty(), List.of(operation), source);
    List<Gateway.Product> productList =
        java.util.stream.IntStream.range(0, products)
            .mapToObj(i -> new Gateway.Product("p" + i, Optional.empty(), List.of("chat"), source))
            .toList();
    return new Gateway(global, productList, List.of(api), Map.of(), Map.of(), Optional.empty(),
        Optional.empty(), source);
  }

  private static LintReport lint(Gateway gateway) {
    return Linter.builder().tool(TestReports.TOOL).build().lint(gateway);
  }

  private static List<Finding> of(LintReport report, String ruleId) {
    return report.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
  }

  @Test
  void inherited_forward_request_is_reported_at_the_base_with_chain_and_fix_at_the_source() {
    PolicyDocument global = FixtureDocuments.read("global.xml", GLOBAL);
    PolicyDocument operation = FixtureDocuments.read("operation.xml", INHERITING);

    Finding finding =
        of(lint(gateway(Optional.of(global), operation, true, 0)), "SSE001").get(0);

    assertThat(finding.position()).isEqualTo(SourcePosition.of("operation.xml", 6, 5));
    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
    assertThat(finding.message())
        .startsWith("<forward-request> inherited from global buffers the whole response of"
            + " operation chat/events (buffer-response defaults to true)");
    assertThat(finding.inheritance()).contains("operation chat/events > api chat > global");
    assertThat(finding.related()).extracting(RelatedLocation::position)
        .containsExactly(SourcePosition.of("global.xml", 4, 5));
    assertThat(finding.fix()).hasValueSatisfying(
        fix -> assertThat(fix.edits()).containsExactly(
            TextEdit.insert(SourcePosition.of("global.xml", 4, 21), " buffer-response=\"false\"")));
  }

  @Test
  void suppression_on_the_base_covers_the_inherited_node() {
    PolicyDocument global = FixtureDocuments.read("global.xml", GLOBAL);
    PolicyDocument operation = FixtureDocuments.read("operation.xml", INHERITING);

    List<Finding> rewrites = of(lint(gateway(Optional.of(global), operation, true, 0)), "SSE006");

    assertThat(rewrites).singleElement().satisfies(
        f -> {
          assertThat(f.position()).isEqualTo(SourcePosition.of("operation.xml", 10, 5));
          assertThat(f.suppression()).map(Suppression::reason)
              .contains("the rewrite only touches error pages");
        });
  }

  @Test
  void assumed_default_global_policy_is_named_and_at_most_a_warning() {
    PolicyDocument operation = FixtureDocuments.read("operation.xml", INHERITING);

    Finding finding = of(lint(gateway(Optional.empty(), operation, true, 0)), "SSE001").get(0);

    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.message()).contains("APIM's default global policy is assumed");
    assertThat(finding.related()).extracting(r -> r.position().file())
        .containsExactly(PolicyGraph.DEFAULT_GLOBAL_POLICY_FILE);
    assertThat(finding.fix()).isEmpty();
  }

  @Test
  void explicit_true_gets_a_fix_that_replaces_the_value() {
    PolicyDocument operation =
        FixtureDocuments.read(
            "operation.xml",
            """
            <policies>
              <inbound />
              <backend>
                <forward-request buffer-response="true" />
              </backend>
              <outbound />
              <on-error />
            </policies>
            """);

    Finding finding = of(lint(gateway(Optional.empty(), operation, true, 0)), "SSE001").get(0);

    assertThat(finding.position()).isEqualTo(SourcePosition.of("operation.xml", 4, 5));
    assertThat(finding.message()).contains("sets buffer-response=\"true\"");
    assertThat(finding.fix().orElseThrow().edits())
        .containsExactly(
            new TextEdit(SourcePosition.of("operation.xml", 4, 39),
                SourcePosition.of("operation.xml", 4, 43), "false"));
  }

  @Test
  void non_streaming_operations_get_no_sse_finding() {
    PolicyDocument global = FixtureDocuments.read("global.xml", GLOBAL);
    PolicyDocument operation = FixtureDocuments.read("operation.xml", INHERITING);

    LintReport report = lint(gateway(Optional.of(global), operation, false, 0));

    // Only the detection heuristic looks at unmarked operations: /events looks like a stream.
    assertThat(report.findings())
        .filteredOn(f -> f.ruleId().startsWith("SSE"))
        .extracting(Finding::ruleId)
        .containsExactly("SSE014");
  }

  @Test
  void one_operation_in_two_products_is_reported_once() {
    PolicyDocument global = FixtureDocuments.read("global.xml", GLOBAL);
    PolicyDocument operation = FixtureDocuments.read("operation.xml", INHERITING);

    assertThat(of(lint(gateway(Optional.of(global), operation, true, 2)), "SSE001")).hasSize(1);
  }

  @Test
  void a_new_buffering_policy_in_the_catalog_is_linted_without_rule_changes() {
    var custom =
        dev.sluice.core.catalog.PolicyDescriptor.builder("summarize-stream")
            .summary("Summarizes the response")
            .body(dev.sluice.core.catalog.BodyAccess.buffering(
                dev.sluice.core.catalog.BodyAccess.Target.RESPONSE,
                dev.sluice.core.catalog.BodyAccess.Mode.READ))
            .build();
    var catalog =
        dev.sluice.core.catalog.PolicyCatalog.of(
            new java.util.ArrayList<>(
                java.util.stream.Stream.concat(
                        dev.sluice.core.catalog.PolicyCatalog.standard().all().stream(),
                        java.util.stream.Stream.of(custom))
                    .toList()));
    PolicyDocument operation =
        FixtureDocuments.read(
            "operation.xml",
            """
            <policies>
              <inbound />
              <backend>
                <forward-request buffer-response="false" />
              </backend>
              <outbound>
                <summarize-stream />
              </outbound>
              <on-error />
            </policies>
            """);

    LintReport report =
        Linter.builder().catalog(catalog).tool(TestReports.TOOL).build()
            .lint(gateway(Optional.empty(), operation, true, 0));

    assertThat(of(report, "SSE003")).singleElement()
        .satisfies(f -> assertThat(f.position()).isEqualTo(SourcePosition.of("operation.xml", 7, 5)));
  }
}
