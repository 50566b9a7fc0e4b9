package dev.sluice.core.catalog;

import static dev.sluice.core.Nodes.at;
import static dev.sluice.core.Nodes.element;
import static dev.sluice.core.Nodes.fragment;
import static dev.sluice.core.Nodes.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.ScopeLevel;
import java.util.List;
import org.assertj.core.api.ListAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The validator against entries of the standard catalog, as policy authors meet them. */
class StandardCatalogValidationTest {

  static final CatalogValidator VALIDATOR = CatalogValidator.create(PolicyCatalog.standard());

  static ListAssert<Tuple> assertDiagnostics(List<Diagnostic> diagnostics) {
    return assertThat(diagnostics.stream().map(d -> tuple(d.code(), d.position())).toList())
        .as("diagnostics: %s", diagnostics);
  }

  static Tuple diag(DiagnosticCode code, int line, int column) {
    return tuple(code.name(), at(line, column));
  }

  @Test
  void accepts_a_typical_streaming_api_policy() {
    PolicyDocument document =
        policies(
            element("inbound", 2, 3)
                .child(
                    element("base", 3, 5),
                    element("set-header", 4, 5)
                        .attr("name", "X-Request-Id", 4, 17)
                        .attr("exists-action", "skip", 4, 37)
                        .child(
                            element("value", 5, 7).text("@(context.RequestId.ToString())", 5, 14)),
                    element("choose", 6, 5)
                        .child(
                            element("when", 7, 7)
                                .attr(
                                    "condition",
                                    "@(context.Request.Headers.ContainsKey(\"Accept\"))",
                                    7,
                                    13)
                                .child(
                                    element("include-fragment", 8, 9)
                                        .attr("fragment-id", "sse-auth", 8, 27)),
                            element("otherwise", 9, 7)
                                .child(
                                    element("set-header", 10, 9).attr("name", "X-Mode", 10, 21)))),
            element("backend", 12, 3)
                .child(
                    element("forward-request", 13, 5)
                        .attr("timeout", "{{backend-timeout}}", 13, 22)
                        .attr("buffer-response", "false", 13, 52)
                        .attr("http-version", "2or1", 13, 76)),
            element("outbound", 15, 3)
                .child(
                    element("base", 16, 5),
                    element("set-body", 17, 5)
                        .attr("template", "liquid", 17, 15)
                        .text("{\"id\": \"{{body.id}}\"} <b>raw</b>", 17, 33)));

    assertThat(VALIDATOR.validate(document)).isEmpty();
    assertThat(VALIDATOR.validateScope(document, ScopeLevel.API)).isEmpty();
  }

  @Test
  void forward_request_belongs_in_the_backend_section() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(element("inbound", 2, 3).child(element("forward-request", 3, 5))));

    assertDiagnostics(diagnostics)
        .containsExactly(diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION, 3, 5));
    assertThat(diagnostics.get(0).message())
        .isEqualTo(
            "policy 'forward-request' is not allowed in the inbound section; it is allowed in the"
                + " backend section only");
  }

  @Test
  void buffer_response_must_be_a_literal_and_http_version_a_known_value() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("backend", 2, 3)
                    .child(
                        element("forward-request", 3, 5)
                            .attr("buffer-response", "@(false)", 3, 22)
                            .attr("http-version", "3", 3, 49)
                            .attr("timeout", "${timeout}", 3, 66)
                            .attr("follow-redirects", "True", 3, 87))));

    assertDiagnostics(diagnostics)
        .containsExactly(
            diag(DiagnosticCode.EXPRESSION_NOT_ALLOWED, 3, 39),
            diag(DiagnosticCode.INVALID_VALUE, 3, 63),
            diag(DiagnosticCode.UNCHECKED_PLACEHOLDER, 3, 75));
    assertThat(diagnostics.get(0).message())
        .isEqualTo(
            "attribute 'buffer-response' of 'forward-request' cannot be a policy expression; write"
                + " true or false");
    assertThat(diagnostics.get(1).message()).contains("must be one of '1', '2or1', '2', not '3'");
  }

  @Test
  void set_header_needs_a_name_and_a_known_exists_action() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("inbound", 2, 3)
                    .child(
                        element("set-header", 3, 5)
                            .attr("exists-action", "replace", 3, 17)
                            .child(element("valeu", 4, 7).text("x", 4, 14)))));

    assertDiagnostics(diagnostics)
        .containsExactly(
            diag(DiagnosticCode.MISSING_ATTRIBUTE, 3, 5),
            diag(DiagnosticCode.INVALID_VALUE, 3, 32),
            diag(DiagnosticCode.UNKNOWN_ELEMENT, 4, 7));
    assertThat(diagnostics.get(0).message())
        .contains("'set-header' needs the attribute 'name'", "name=\"...\"");
    assertThat(diagnostics.get(1).message())
        .contains("'override', 'skip', 'append', 'delete'", "not 'replace'");
    assertThat(diagnostics.get(2).message()).contains("did you mean 'value'?");
  }

  @Test
  void choose_needs_a_when_and_at_most_one_otherwise() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("inbound", 2, 3)
                    .child(
                        element("choose", 3, 5)
                            .child(element("otherwise", 4, 7), element("otherwise", 5, 7)),
                        element("choose", 6, 5)
                            .child(element("when", 7, 7).attr("condition", "maybe", 7, 13)))));

    assertDiagnostics(diagnostics)
        .containsExactly(
            diag(DiagnosticCode.MISSING_ELEMENT, 3, 5),
            diag(DiagnosticCode.REPEATED_ELEMENT, 5, 7),
            diag(DiagnosticCode.INVALID_VALUE, 7, 24));
    assertThat(diagnostics.get(0).message()).isEqualTo("'choose' needs a <when> element; add one");
  }

  @Test
  void wait_takes_only_send_request_cache_lookup_value_and_choose_directly_inside() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("inbound", 2, 3)
                    .child(
                        element("wait", 3, 5)
                            .child(
                                element("set-variable", 4, 7)
                                    .attr("name", "a", 4, 21)
                                    .attr("value", "1", 4, 31),
                                element("cache-lookup-value", 5, 7)
                                    .attr("key", "k", 5, 27)
                                    .attr("variable-name", "v", 5, 49),
                                element("send-one-way-request", 6, 7)
                                    .child(
                                        element("set-url", 7, 9)
                                            .text("https://audit.example", 7, 18))))));

    assertDiagnostics(diagnostics)
        .containsExactly(
            diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_PARENT, 4, 7),
            diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_PARENT, 6, 7));
    assertThat(diagnostics.get(0).message())
        .isEqualTo(
            "policy 'set-variable' cannot stand directly inside 'wait', which takes only"
                + " 'send-request', 'cache-lookup-value' and 'choose' — wrap it in a <choose>"
                + " branch or move it out of <wait>");
  }

  @Test
  void inside_a_choose_branch_of_wait_any_policy_may_stand() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("inbound", 2, 3)
                    .child(
                        element("wait", 3, 5)
                            .attr("for", "any", 3, 11)
                            .child(
                                element("choose", 4, 7)
                                    .child(
                                        element("when", 5, 9)
                                            .attr("condition", "@(true)", 5, 15)
                                            .child(
                                                element("set-variable", 6, 11)
                                                    .attr("name", "a", 6, 25)
                                                    .attr("value", "1", 6, 35)))))));

    assertThat(diagnostics).isEmpty();
  }

  @Test
  void an_unknown_policy_inside_wait_is_reported_once_as_unknown() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("inbound", 2, 3)
                    .child(element("wait", 3, 5).child(element("send-requst", 4, 7)))));

    assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.UNKNOWN_POLICY, 4, 7));
  }

  @Test
  void policies_inside_when_keep_the_section_of_the_choose() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("outbound", 2, 3)
                    .child(
                        element("choose", 3, 5)
                            .child(
                                element("when", 4, 7)
                                    .attr("condition", "@(true)", 4, 13)
                                    .child(element("forward-request", 5, 9))))));

    assertDiagnostics(diagnostics)
        .containsExactly(diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION, 5, 9));
    assertThat(diagnostics.get(0).message()).contains("not allowed in the outbound section");
  }

  @Test
  void set_body_content_is_not_inspected_but_its_attributes_are() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            policies(
                element("outbound", 2, 3)
                    .child(
                        element("set-body", 3, 5)
                            .attr("template", "Liquid", 3, 15)
                            .text("@(context.Response.Body.As<string>())", 3, 33)
                            .child(element("anything", 4, 7)))));

    assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.INVALID_VALUE, 3, 25));
    assertThat(diagnostics.get(0).message()).endsWith("write 'liquid' exactly");
  }

  @Test
  void fragment_may_not_hold_base_or_include_another_fragment() {
    List<Diagnostic> diagnostics =
        VALIDATOR.validate(
            fragment(
                element("base", 2, 3),
                element("forward-request", 3, 3),
                element("include-fragment", 4, 3).attr("fragment-id", "other", 4, 21)));

    assertDiagnostics(diagnostics)
        .containsExactly(
            diag(DiagnosticCode.FRAGMENT_CONTAINS_BASE, 2, 3),
            diag(DiagnosticCode.FRAGMENT_NESTED_INCLUDE, 4, 3));
  }

  @Test
  void base_at_global_scope_is_reported() {
    PolicyDocument document = policies(element("inbound", 2, 3).child(element("base", 3, 5)));

    assertDiagnostics(VALIDATOR.validateScope(document, ScopeLevel.GLOBAL))
        .containsExactly(diag(DiagnosticCode.BASE_AT_GLOBAL_SCOPE, 3, 5));
    assertThat(VALIDATOR.validateScope(document, ScopeLevel.OPERATION)).isEmpty();
  }
}
