package dev.sluice.core.catalog;

import static dev.sluice.core.Nodes.at;
import static dev.sluice.core.Nodes.element;
import static dev.sluice.core.Nodes.fragment;
import static dev.sluice.core.Nodes.policies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Nodes.Element;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import dev.sluice.core.Severity;
import java.util.List;
import org.assertj.core.api.ListAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CatalogValidatorTest {

  /** A small catalog with one policy per feature, so the tests do not follow the real catalog. */
  static final PolicyCatalog CATALOG =
      PolicyCatalog.of(
          List.of(
              PolicyDescriptor.builder("base").build(),
              PolicyDescriptor.builder("include-fragment")
                  .attribute(
                      AttributeDescriptor.builder("fragment-id", AttributeType.STRING).required())
                  .build(),
              PolicyDescriptor.builder("quota")
                  .sections(Section.INBOUND)
                  .scopes(ScopeLevel.PRODUCT)
                  .attribute(
                      AttributeDescriptor.builder("calls", AttributeType.INTEGER)
                          .required()
                          .description("Calls allowed per period"))
                  .build(),
              PolicyDescriptor.builder("cors")
                  .sections(Section.INBOUND)
                  .scopes(ScopeLevel.GLOBAL, ScopeLevel.PRODUCT, ScopeLevel.API)
                  .multiplicity(Multiplicity.ONCE_PER_DOCUMENT)
                  .build(),
              PolicyDescriptor.builder("forward")
                  .sections(Section.BACKEND)
                  .multiplicity(Multiplicity.ONCE_PER_SECTION)
                  .attribute(
                      AttributeDescriptor.builder("timeout", AttributeType.INTEGER).expressions())
                  .attribute(AttributeDescriptor.builder("buffer", AttributeType.BOOLEAN))
                  .attribute(
                      AttributeDescriptor.builder("mode", AttributeType.ENUM)
                          .values("fast", "slow"))
                  .attribute(AttributeDescriptor.builder("url", AttributeType.URL))
                  .attribute(AttributeDescriptor.builder("label", AttributeType.STRING))
                  .build(),
              PolicyDescriptor.builder("trace")
                  .sections(Section.INBOUND, Section.BACKEND, Section.OUTBOUND)
                  .multiplicity(Multiplicity.ONCE_PER_SECTION)
                  .build(),
              PolicyDescriptor.builder("note").text(false).build(),
              PolicyDescriptor.builder("header")
                  .attribute(AttributeDescriptor.builder("name", AttributeType.STRING).required())
                  .child(ElementDescriptor.builder("value").text(true).occurs(1, 2))
                  .child(ElementDescriptor.builder("flag").occurs(0, 1))
                  .build(),
              PolicyDescriptor.builder("choose")
                  .child(
                      ElementDescriptor.builder("when")
                          .attribute(
                              AttributeDescriptor.builder("condition", AttributeType.BOOLEAN)
                                  .required()
                                  .expressions())
                          .content(ContentModel.POLICIES)
                          .occurs(1, ElementDescriptor.UNBOUNDED))
                  .child(ElementDescriptor.builder("otherwise").content(ContentModel.POLICIES))
                  .build(),
              PolicyDescriptor.builder("retry")
                  .attribute(AttributeDescriptor.builder("count", AttributeType.INTEGER).required())
                  .content(ContentModel.POLICIES)
                  .build(),
              PolicyDescriptor.builder("raw").content(ContentModel.RAW).build()));

  static final CatalogValidator VALIDATOR = CatalogValidator.create(CATALOG);

  static Tuple diag(DiagnosticCode code, int line, int column) {
    return tuple(code.name(), at(line, column));
  }

  static ListAssert<Tuple> assertDiagnostics(List<Diagnostic> diagnostics) {
    return assertThat(diagnostics.stream().map(d -> tuple(d.code(), d.position())).toList())
        .as("diagnostics: %s", diagnostics);
  }

  static List<Diagnostic> validate(PolicyDocument document) {
    return VALIDATOR.validate(document);
  }

  static Element inbound(Element... policies) {
    return element("inbound", 2, 3).child(policies);
  }

  static Element backend(Element... policies) {
    return element("backend", 20, 3).child(policies);
  }

  static Element outbound(Element... policies) {
    return element("outbound", 40, 3).child(policies);
  }

  static String onlyMessage(List<Diagnostic> diagnostics) {
    assertThat(diagnostics).hasSize(1);
    return diagnostics.get(0).message();
  }

  @Test
  void accepts_a_document_that_follows_the_catalog() {
    PolicyDocument document =
        policies(
            inbound(
                element("base", 3, 5),
                element("quota", 4, 5).attr("calls", "10", 4, 12),
                element("cors", 5, 5),
                element("header", 6, 5)
                    .attr("name", "X-Id", 6, 13)
                    .child(
                        element("value", 7, 7).text("@(context.RequestId)", 7, 14),
                        element("flag", 8, 7)),
                element("choose", 9, 5)
                    .child(
                        element("when", 10, 7)
                            .attr("condition", "@(true)", 10, 13)
                            .child(element("trace", 11, 9)),
                        element("otherwise", 12, 7).child(element("trace", 13, 9))),
                element("retry", 14, 5)
                    .attr("count", "3", 14, 12)
                    .child(element("note", 15, 7).text("hi", 15, 13))),
            backend(
                element("forward", 21, 5)
                    .attr("timeout", "@(30)", 21, 14)
                    .attr("buffer", "False", 21, 30)
                    .attr("mode", "slow", 21, 45)
                    .attr("url", "https://backend.example.com/v1", 21, 57)
                    .attr("label", "${anything}", 21, 90)),
            outbound(
                element("trace", 41, 5), element("raw", 42, 5).text("<soap:Envelope/>", 42, 10)));

    assertThat(validate(document)).isEmpty();
  }

  @Nested
  class Policies {
    @Test
    void warns_on_unknown_policy_at_its_position_and_suggests_a_known_name() {
      List<Diagnostic> diagnostics =
          validate(policies(inbound(element("quotta", 3, 5).attr("x", "y", 3, 12))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.UNKNOWN_POLICY, 3, 5));
      assertThat(diagnostics.get(0).severity()).isEqualTo(Severity.WARNING);
      assertThat(diagnostics.get(0).message())
          .contains("'quotta'", "did you mean 'quota'?", "kept");
    }

    @Test
    void does_not_look_inside_unknown_policy() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("custom-thing", 3, 5)
                          .attr("whatever", "1", 3, 19)
                          .child(element("forward", 4, 7), element("nonsense", 5, 7)))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.UNKNOWN_POLICY, 3, 5));
      assertThat(diagnostics.get(0).message()).doesNotContain("did you mean");
    }

    @Test
    void rejects_policy_outside_its_sections_and_names_where_it_belongs() {
      List<Diagnostic> diagnostics = validate(policies(inbound(element("forward", 3, 5))));

      assertDiagnostics(diagnostics)
          .containsExactly(diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION, 3, 5));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "policy 'forward' is not allowed in the inbound section; it is allowed in the backend"
                  + " section only");
    }

    @Test
    void lists_every_allowed_section_in_execution_order() {
      String message =
          onlyMessage(
              validate(policies(element("on-error", 60, 3).child(element("trace", 61, 5)))));

      assertThat(message)
          .endsWith("it is allowed in the inbound, backend and outbound sections only");
    }

    @Test
    void nested_policies_inherit_the_enclosing_section() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  backend(
                      element("choose", 3, 5)
                          .child(
                              element("when", 4, 7)
                                  .attr("condition", "true", 4, 13)
                                  .child(element("quota", 5, 9).attr("calls", "1", 5, 16)),
                              element("otherwise", 6, 7)
                                  .child(element("quota", 7, 9).attr("calls", "1", 7, 16))),
                      element("retry", 8, 5)
                          .attr("count", "2", 8, 12)
                          .child(
                              element("retry", 9, 7)
                                  .attr("count", "1", 9, 14)
                                  .child(element("quota", 10, 9).attr("calls", "1", 10, 16))))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION, 5, 9),
              diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION, 7, 9),
              diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION, 10, 9));
    }

    @Test
    void checks_attributes_and_children_of_nested_policies() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("retry", 3, 5)
                          .attr("count", "2", 3, 12)
                          .child(
                              element("quota", 4, 7).attr("calls", "many", 4, 14),
                              element("header", 5, 7)))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.INVALID_VALUE, 4, 21),
              diag(DiagnosticCode.MISSING_ATTRIBUTE, 5, 7),
              diag(DiagnosticCode.MISSING_ELEMENT, 5, 7));
    }

    @Test
    void reports_repeat_of_once_per_section_policy_at_second_naming_the_first_line() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(element("trace", 3, 5), element("trace", 4, 5)),
                  backend(
                      element("trace", 21, 5),
                      element("forward", 22, 5),
                      element("forward", 23, 5))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.REPEATED_POLICY, 4, 5),
              diag(DiagnosticCode.REPEATED_POLICY, 23, 5));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "policy 'trace' may appear only once per section; it already appears at line 3 —"
                  + " remove one of them");
      assertThat(diagnostics.get(1).message()).contains("'forward'", "line 22");
    }

    @Test
    void reports_repeat_of_once_per_document_policy_across_sections() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(element("cors", 3, 5)),
                  element("inbound", 10, 3).child(element("cors", 11, 5))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.REPEATED_POLICY, 11, 5));
      assertThat(diagnostics.get(0).message()).contains("once per document", "line 3");
    }

    @Test
    void once_only_policy_may_appear_in_each_alternative_branch() {
      PolicyDocument document =
          policies(
              backend(
                  element("choose", 21, 5)
                      .child(
                          element("when", 22, 7)
                              .attr("condition", "true", 22, 13)
                              .child(element("forward", 23, 9)),
                          element("when", 24, 7)
                              .attr("condition", "false", 24, 13)
                              .child(element("forward", 25, 9)),
                          element("otherwise", 26, 7).child(element("forward", 27, 9)))));

      assertThat(validate(document)).isEmpty();
    }

    @Test
    void once_only_policy_repeated_on_one_path_through_a_choose_is_reported() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  backend(
                      element("choose", 21, 5)
                          .child(
                              element("when", 22, 7)
                                  .attr("condition", "true", 22, 13)
                                  .child(element("forward", 23, 9))),
                      element("forward", 24, 5)),
                  outbound(
                      element("trace", 41, 5),
                      element("choose", 42, 5)
                          .child(
                              element("when", 43, 7).attr("condition", "true", 43, 13),
                              element("otherwise", 44, 7).child(element("trace", 45, 9))))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.REPEATED_POLICY, 24, 5),
              diag(DiagnosticCode.REPEATED_POLICY, 45, 9));
      assertThat(diagnostics.get(0).message()).contains("line 23");
      assertThat(diagnostics.get(1).message()).contains("line 41");
    }

    @Test
    void rejects_section_nested_inside_a_policy() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("retry", 3, 5)
                          .attr("count", "1", 3, 12)
                          .child(element("outbound", 4, 7)))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.UNKNOWN_ELEMENT, 4, 7));
      assertThat(diagnostics.get(0).message())
          .contains("section 'outbound' cannot stand inside 'retry'");
    }

    @Test
    void ignores_root_children_that_are_not_sections() {
      // The reader reports those (UNKNOWN_SECTION); repeating it here would double the error.
      PolicyDocument document = policies(element("inbund", 2, 3).child(element("forward", 3, 5)));

      assertThat(validate(document)).isEmpty();
    }
  }

  @Nested
  class Attributes {
    @Test
    void reports_unknown_attribute_at_its_name_with_a_suggestion() {
      List<Diagnostic> diagnostics =
          validate(policies(backend(element("forward", 21, 5).attr("timout", "5", 21, 14))));

      assertDiagnostics(diagnostics)
          .containsExactly(diag(DiagnosticCode.UNKNOWN_ATTRIBUTE, 21, 14));
      assertThat(diagnostics.get(0).message())
          .isEqualTo("unknown attribute 'timout' on 'forward'; did you mean 'timeout'?");
    }

    @Test
    void unknown_attribute_without_near_name_lists_the_accepted_ones() {
      String message =
          onlyMessage(
              validate(
                  policies(
                      inbound(
                          element("quota", 3, 5)
                              .attr("calls", "1", 3, 12)
                              .attr("per", "1", 3, 22)))));

      assertThat(message).isEqualTo("unknown attribute 'per' on 'quota'; 'quota' accepts 'calls', 'id'");
    }

    @Test
    void unknown_attribute_on_element_without_attributes_says_to_remove_it() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("header", 3, 5)
                          .attr("name", "X", 3, 13)
                          .child(element("value", 4, 7), element("flag", 5, 7).attr("on", "1", 5, 13)))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.UNKNOWN_ATTRIBUTE, 5, 13));
      assertThat(diagnostics.get(0).message())
          .isEqualTo("unknown attribute 'on' on 'flag'; 'flag' takes no attributes — remove it");
    }

    @Test
    void reports_missing_required_attribute_on_the_element() {
      List<Diagnostic> diagnostics = validate(policies(inbound(element("quota", 3, 5))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.MISSING_ATTRIBUTE, 3, 5));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "'quota' needs the attribute 'calls' (Calls allowed per period); add calls=\"...\"");
    }

    @Test
    void reports_second_of_duplicate_attributes() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("quota", 3, 5).attr("calls", "1", 3, 12).attr("calls", "x", 3, 22))));

      // The second value is not checked: it is already wrong to have it.
      assertDiagnostics(diagnostics)
          .containsExactly(diag(DiagnosticCode.DUPLICATE_ATTRIBUTE, 3, 22));
    }

    @Test
    void rejects_expression_where_only_literals_are_allowed_at_the_value() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  backend(
                      element("forward", 21, 5)
                          .attr("buffer", "@(true)", 21, 14)
                          .attr("mode", "@{ return \"fast\"; }", 22, 14)
                          .attr("label", "@(\"x\")", 23, 14))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.EXPRESSION_NOT_ALLOWED, 21, 22),
              diag(DiagnosticCode.EXPRESSION_NOT_ALLOWED, 22, 20),
              diag(DiagnosticCode.EXPRESSION_NOT_ALLOWED, 23, 21));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "attribute 'buffer' of 'forward' cannot be a policy expression; write true or false");
      assertThat(diagnostics.get(1).message()).endsWith("write one of 'fast', 'slow'");
    }

    @Test
    void does_not_type_check_allowed_expressions() {
      PolicyDocument document =
          policies(
              backend(element("forward", 21, 5).attr("timeout", "@(\"not a number\")", 21, 14)));

      assertThat(validate(document)).isEmpty();
    }

    @Test
    void booleans_are_case_insensitive_as_in_api_management() {
      PolicyDocument document =
          policies(
              inbound(
                  element("choose", 3, 5)
                      .child(
                          element("when", 4, 7).attr("condition", "TRUE", 4, 13),
                          element("when", 5, 7).attr("condition", "False", 5, 13),
                          element("when", 6, 7).attr("condition", "yes", 6, 13))));

      List<Diagnostic> diagnostics = validate(document);

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.INVALID_VALUE, 6, 24));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "attribute 'condition' of 'when' must be true or false, not 'yes' (or a policy"
                  + " expression)");
    }

    @Test
    void integers_must_be_whole_numbers_within_range() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  backend(element("forward", 21, 5).attr("timeout", "30s", 21, 14)),
                  element("backend", 30, 3)
                      .child(element("forward", 31, 5).attr("timeout", "99999999999", 31, 14)),
                  element("backend", 32, 3)
                      .child(element("forward", 33, 5).attr("timeout", "-1", 33, 14)),
                  element("backend", 34, 3)
                      .child(element("forward", 35, 5).attr("timeout", " 45 ", 35, 14))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.INVALID_VALUE, 21, 23),
              diag(DiagnosticCode.INVALID_VALUE, 31, 23));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "attribute 'timeout' of 'forward' must be a whole number, not '30s' (or a policy"
                  + " expression)");
    }

    @Test
    void enum_value_message_lists_the_allowed_values() {
      List<Diagnostic> diagnostics =
          validate(policies(backend(element("forward", 21, 5).attr("mode", "medium", 21, 14))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.INVALID_VALUE, 21, 20));
      assertThat(diagnostics.get(0).message())
          .isEqualTo("attribute 'mode' of 'forward' must be one of 'fast', 'slow', not 'medium'");
    }

    @Test
    void enum_values_are_case_sensitive_and_the_message_gives_the_right_spelling() {
      String message =
          onlyMessage(
              validate(policies(backend(element("forward", 21, 5).attr("mode", "Fast", 21, 14)))));

      assertThat(message).endsWith("not 'Fast'; write 'fast' exactly");
    }

    @Test
    void urls_may_be_absolute_or_relative_but_well_formed() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  backend(element("forward", 21, 5).attr("url", "/relative/path?q=1", 21, 14)),
                  element("backend", 22, 3)
                      .child(element("forward", 23, 5).attr("url", "http://", 23, 14)),
                  element("backend", 24, 3)
                      .child(element("forward", 25, 5).attr("url", "https://a b.com", 25, 14)),
                  element("backend", 26, 3)
                      .child(element("forward", 27, 5).attr("url", "https://x/%zz", 27, 14)),
                  element("backend", 28, 3)
                      .child(element("forward", 29, 5).attr("url", "", 29, 14))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.INVALID_VALUE, 23, 19),
              diag(DiagnosticCode.INVALID_VALUE, 25, 19),
              diag(DiagnosticCode.INVALID_VALUE, 27, 19),
              diag(DiagnosticCode.INVALID_VALUE, 29, 19));
      assertThat(diagnostics.get(0).message()).contains("must be a URL", "not 'http://'");
    }

    @Test
    void warns_that_deployment_placeholders_leave_typed_values_unchecked() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  backend(
                      element("forward", 21, 5)
                          .attr("timeout", "${timeout}", 21, 14)
                          .attr("buffer", "%{buffer}", 22, 14)
                          .attr("mode", "{mode}", 23, 14)
                          .attr("url", "https://${host}/v1", 24, 14)
                          .attr("label", "${label}", 25, 14))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.UNCHECKED_PLACEHOLDER, 21, 23),
              diag(DiagnosticCode.UNCHECKED_PLACEHOLDER, 22, 22),
              diag(DiagnosticCode.UNCHECKED_PLACEHOLDER, 23, 20),
              diag(DiagnosticCode.UNCHECKED_PLACEHOLDER, 24, 19));
      assertThat(diagnostics).allMatch(d -> d.severity() == Severity.WARNING);
      assertThat(diagnostics.get(0).message())
          .contains(
              "'timeout' of 'forward'", "'${timeout}'", "render the template", "a whole number");
      assertThat(diagnostics.get(2).message()).contains("'{mode}'", "one of 'fast', 'slow'");
    }

    @Test
    void named_values_are_resolved_at_deploy_time_and_not_checked() {
      PolicyDocument document =
          policies(
              backend(
                  element("forward", 21, 5)
                      .attr("timeout", "{{timeout}}", 21, 14)
                      .attr("buffer", "{{ buffer }}", 22, 14)
                      .attr("mode", "{{mode}}-x", 23, 14)
                      .attr("url", "https://{{host}}/v1", 24, 14)));

      assertThat(validate(document)).isEmpty();
    }
  }

  @Nested
  class Elements {
    @Test
    void reports_unknown_child_at_its_position_and_does_not_look_inside() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("header", 3, 5)
                          .attr("name", "X", 3, 13)
                          .child(
                              element("value", 4, 7).text("a", 4, 14),
                              element("valeu", 5, 7)
                                  .attr("junk", "1", 5, 14)
                                  .child(element("deeper", 6, 9))))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.UNKNOWN_ELEMENT, 5, 7));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "element 'valeu' is not allowed in 'header'; did you mean 'value'? 'header' accepts"
                  + " 'value', 'flag'");
    }

    @Test
    void reports_missing_element_on_the_parent() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("header", 3, 5)
                          .attr("name", "X", 3, 13)
                          .child(element("flag", 4, 7)))));

      assertDiagnostics(diagnostics).containsExactly(diag(DiagnosticCode.MISSING_ELEMENT, 3, 5));
      assertThat(diagnostics.get(0).message())
          .isEqualTo("'header' needs a <value> element; add one");
    }

    @Test
    void reports_each_element_beyond_its_maximum() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("header", 3, 5)
                          .attr("name", "X", 3, 13)
                          .child(
                              element("flag", 4, 7),
                              element("value", 5, 7),
                              element("value", 6, 7),
                              element("value", 7, 7),
                              element("flag", 8, 7)))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.REPEATED_ELEMENT, 7, 7),
              diag(DiagnosticCode.REPEATED_ELEMENT, 8, 7));
      assertThat(diagnostics.get(0).message())
          .isEqualTo("'header' allows at most 2 'value' elements; remove this one");
      assertThat(diagnostics.get(1).message())
          .isEqualTo(
              "'header' allows one 'flag' element; the first is at line 4 — remove this one or"
                  + " merge them");
    }

    @Test
    void rejects_text_where_content_is_empty_elements_or_policies_at_first_visible_character() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                          element("base", 3, 5).text("oops", 3, 11),
                          element("header", 4, 5)
                              .attr("name", "X", 4, 13)
                              .text("\n      stray text", 4, 21)
                              .child(element("value", 6, 7)))
                      .text("  loose", 2, 12),
                  backend(
                      element("choose", 21, 5)
                          .child(element("otherwise", 22, 7).text("x", 22, 18)))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.TEXT_NOT_ALLOWED, 2, 14),
              diag(DiagnosticCode.TEXT_NOT_ALLOWED, 3, 11),
              diag(DiagnosticCode.TEXT_NOT_ALLOWED, 5, 7),
              diag(DiagnosticCode.MISSING_ELEMENT, 21, 5),
              diag(DiagnosticCode.TEXT_NOT_ALLOWED, 22, 18));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "'inbound' holds policies only, not text; remove 'loose' or put it in a comment");
      assertThat(diagnostics.get(1).message()).startsWith("'base' must be empty, not text");
      assertThat(diagnostics.get(2).message())
          .contains("'header' holds elements only", "'stray text'");
    }

    @Test
    void ignores_whitespace_text() {
      PolicyDocument document =
          policies(inbound(element("base", 3, 5).text("\n   \t", 3, 11)).text("\n    ", 2, 12));

      assertThat(validate(document)).isEmpty();
    }

    @Test
    void rejects_child_elements_inside_empty_or_text_content() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("base", 3, 5).child(element("x", 4, 7)),
                      element("note", 5, 5).child(element("b", 5, 11)))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.UNKNOWN_ELEMENT, 4, 7),
              diag(DiagnosticCode.UNKNOWN_ELEMENT, 5, 11));
      assertThat(diagnostics.get(0).message())
          .isEqualTo("'base' takes no child elements; remove <x>");
      assertThat(diagnostics.get(1).message()).contains("'note' holds text only");
    }

    @Test
    void rejects_expression_text_only_where_the_element_forbids_it() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("note", 3, 5).text("@(context.Request.Url)", 3, 11),
                      element("header", 4, 5)
                          .attr("name", "X", 4, 13)
                          .child(element("value", 5, 7).text("@{ return \"a\"; }", 5, 14)))));

      assertDiagnostics(diagnostics)
          .containsExactly(diag(DiagnosticCode.EXPRESSION_NOT_ALLOWED, 3, 11));
      assertThat(diagnostics.get(0).message())
          .isEqualTo("the text of 'note' cannot be a policy expression; write literal text");
    }

    @Test
    void does_not_inspect_raw_content() {
      PolicyDocument document =
          policies(
              inbound(
                  element("raw", 3, 5)
                      .text("@(anything) <not><checked/>", 3, 10)
                      .child(element("forward", 4, 7), element("whatever", 5, 7))));

      assertThat(validate(document)).isEmpty();
    }

    @Test
    void checks_attributes_of_child_elements() {
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  inbound(
                      element("choose", 3, 5)
                          .child(
                              element("when", 4, 7).attr("if", "true", 4, 13),
                              element("otherwise", 5, 7)))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.MISSING_ATTRIBUTE, 4, 7),
              diag(DiagnosticCode.UNKNOWN_ATTRIBUTE, 4, 13));
    }
  }

  @Nested
  class Fragments {
    @Test
    void allows_policies_of_any_section_in_a_fragment() {
      PolicyDocument document =
          fragment(
              element("quota", 2, 3).attr("calls", "5", 2, 10),
              element("forward", 3, 3),
              element("trace", 4, 3));

      assertThat(validate(document)).isEmpty();
    }

    @Test
    void checks_everything_else_in_a_fragment() {
      List<Diagnostic> diagnostics =
          validate(
              fragment(
                  element("quota", 2, 3),
                  element("trace", 3, 3),
                  element("trace", 4, 3),
                  element("forward", 5, 3).attr("mode", "x", 5, 12),
                  element("mystery", 6, 3)));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.MISSING_ATTRIBUTE, 2, 3),
              diag(DiagnosticCode.REPEATED_POLICY, 4, 3),
              diag(DiagnosticCode.INVALID_VALUE, 5, 18),
              diag(DiagnosticCode.UNKNOWN_POLICY, 6, 3));
      assertThat(diagnostics.get(1).message()).contains("once per fragment", "line 3");
    }

    @Test
    void rejects_section_in_a_fragment_and_still_checks_its_policies() {
      List<Diagnostic> diagnostics =
          validate(
              fragment(
                  element("inbound", 2, 3)
                      .child(element("quota", 3, 5), element("forward", 4, 5))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.FRAGMENT_CONTAINS_SECTION, 2, 3),
              diag(DiagnosticCode.MISSING_ATTRIBUTE, 3, 5));
      assertThat(diagnostics.get(0).message()).contains("remove <inbound> and keep its policies");
    }

    @Test
    void rejects_base_anywhere_in_a_fragment() {
      List<Diagnostic> diagnostics =
          validate(
              fragment(
                  element("base", 2, 3),
                  element("choose", 3, 3)
                      .child(
                          element("when", 4, 5)
                              .attr("condition", "true", 4, 11)
                              .child(element("base", 5, 7)))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.FRAGMENT_CONTAINS_BASE, 2, 3),
              diag(DiagnosticCode.FRAGMENT_CONTAINS_BASE, 5, 7));
    }

    @Test
    void rejects_include_fragment_in_a_fragment_naming_it() {
      List<Diagnostic> diagnostics =
          validate(
              fragment(
                  element("retry", 2, 3)
                      .attr("count", "1", 2, 10)
                      .child(
                          element("include-fragment", 3, 5).attr("fragment-id", "auth", 3, 23))));

      assertDiagnostics(diagnostics)
          .containsExactly(diag(DiagnosticCode.FRAGMENT_NESTED_INCLUDE, 3, 5));
      assertThat(diagnostics.get(0).message())
          .contains("cannot include another fragment", "'auth'");
    }

    @Test
    void base_and_include_are_fine_in_a_policy_document() {
      PolicyDocument document =
          policies(
              inbound(
                  element("base", 3, 5),
                  element("include-fragment", 4, 5).attr("fragment-id", "a", 4, 23)));

      assertThat(validate(document)).isEmpty();
    }
  }

  @Nested
  class Scopes {
    @Test
    void rejects_policy_outside_its_scopes_with_the_allowed_scope() {
      List<Diagnostic> diagnostics =
          VALIDATOR.validateScope(
              policies(inbound(element("quota", 3, 5).attr("calls", "1", 3, 12))), ScopeLevel.API);

      assertDiagnostics(diagnostics)
          .containsExactly(diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SCOPE, 3, 5));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "policy 'quota' is not allowed at API scope; it is allowed at product scope only");
    }

    @Test
    void lists_several_allowed_scopes_and_checks_nested_policies() {
      List<Diagnostic> diagnostics =
          VALIDATOR.validateScope(
              policies(
                  inbound(
                      element("cors", 3, 5),
                      element("choose", 4, 5)
                          .child(
                              element("when", 5, 7)
                                  .attr("condition", "true", 5, 13)
                                  .child(element("quota", 6, 9)),
                              element("otherwise", 7, 7)
                                  .child(element("retry", 8, 9).child(element("cors", 9, 11)))))),
              ScopeLevel.OPERATION);

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SCOPE, 3, 5),
              diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SCOPE, 6, 9),
              diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SCOPE, 9, 11));
      assertThat(diagnostics.get(0).message())
          .isEqualTo(
              "policy 'cors' is not allowed at operation scope; it is allowed at global, product"
                  + " and API scopes only");
    }

    @Test
    void accepts_policies_at_their_scopes() {
      PolicyDocument document =
          policies(inbound(element("base", 3, 5), element("quota", 4, 5), element("cors", 5, 5)));

      assertThat(VALIDATOR.validateScope(document, ScopeLevel.PRODUCT)).isEmpty();
    }

    @Test
    void rejects_base_at_global_scope_only() {
      PolicyDocument document =
          policies(
              inbound(element("base", 3, 5)),
              backend(
                  element("choose", 21, 5)
                      .child(element("otherwise", 22, 7).child(element("base", 23, 9)))));

      assertDiagnostics(VALIDATOR.validateScope(document, ScopeLevel.GLOBAL))
          .containsExactly(
              diag(DiagnosticCode.BASE_AT_GLOBAL_SCOPE, 3, 5),
              diag(DiagnosticCode.BASE_AT_GLOBAL_SCOPE, 23, 9));
      assertThat(VALIDATOR.validateScope(document, ScopeLevel.API)).isEmpty();
    }

    @Test
    void checks_fragment_policies_against_the_includer_scope_without_repeating_base() {
      PolicyDocument document = fragment(element("base", 2, 3), element("quota", 3, 3));

      assertDiagnostics(VALIDATOR.validateScope(document, ScopeLevel.GLOBAL))
          .containsExactly(diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SCOPE, 3, 3));
    }

    @Test
    void does_not_look_inside_unknown_policies_for_scope() {
      PolicyDocument document =
          policies(inbound(element("mystery", 3, 5).child(element("quota", 4, 7))));

      assertThat(VALIDATOR.validateScope(document, ScopeLevel.API)).isEmpty();
    }

    @Test
    void scope_checks_are_not_part_of_validate() {
      PolicyDocument document = policies(inbound(element("quota", 3, 5).attr("calls", "1", 3, 12)));

      assertThat(validate(document)).isEmpty();
      assertThat(VALIDATOR.validateScope(document, ScopeLevel.API)).isNotEmpty();
    }
  }

  @Nested
  class Robustness {
    @Test
    void orders_diagnostics_by_position() {
      // Found in another order: the parent's MISSING_ELEMENT after its children, sections reversed.
      List<Diagnostic> diagnostics =
          validate(
              policies(
                  element("outbound", 40, 3).child(element("forward", 41, 5)),
                  inbound(
                      element("header", 3, 5)
                          .child(
                              element("flag", 4, 7).attr("z", "1", 4, 13),
                              element("flag", 5, 7)))));

      assertDiagnostics(diagnostics)
          .containsExactly(
              diag(DiagnosticCode.MISSING_ATTRIBUTE, 3, 5),
              diag(DiagnosticCode.MISSING_ELEMENT, 3, 5),
              diag(DiagnosticCode.UNKNOWN_ATTRIBUTE, 4, 13),
              diag(DiagnosticCode.REPEATED_ELEMENT, 5, 7),
              diag(DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION, 41, 5));
    }

    @Test
    void stops_at_absurd_nesting_with_one_diagnostic_instead_of_overflowing_the_stack() {
      PolicyNode node = element("note", 9999, 1).build();
      for (int i = 9998; i >= 3; i--) {
        node = element("retry", i, 1).attr("count", "1", i, 8).child(node).build();
      }
      PolicyDocument document = policies(element("inbound", 2, 1).child(node));

      List<Diagnostic> diagnostics = validate(document);

      assertThat(diagnostics)
          .extracting(Diagnostic::code)
          .containsExactly(DiagnosticCode.NESTING_TOO_DEEP.name());
      assertThat(diagnostics.get(0).position().line()).isEqualTo(ValidationRun.MAX_DEPTH + 1);
      assertThat(VALIDATOR.validateScope(document, ScopeLevel.GLOBAL)).isEmpty();
    }

    @Test
    void validates_a_document_holding_no_sections_or_an_empty_fragment() {
      assertThat(validate(policies())).isEmpty();
      assertThat(validate(fragment())).isEmpty();
      assertThat(VALIDATOR.validateScope(fragment(), ScopeLevel.GLOBAL)).isEmpty();
    }

    @Test
    void never_throws_on_odd_shapes() {
      // Every name of the catalog in every place, with odd attributes and text: no exception, and
      // each policy in the wrong place is reported.
      List<String> names =
          new java.util.ArrayList<>(CATALOG.all().stream().map(PolicyDescriptor::name).toList());
      names.addAll(
          List.of(
              "inbound", "when", "otherwise", "value", "flag", "", "x:y", "policies", "fragment"));
      int line = 3;
      Element section = element("inbound", 2, 1);
      for (String outer : names) {
        Element parent = element(outer, line++, 1).attr(outer, "{{", line, 3).text("@(", line, 9);
        for (String inner : names) {
          parent.child(
              element(inner, line++, 5).attr("mode", "%{", line, 5).attr("url", "::", line, 20));
        }
        section.child(parent);
      }
      for (PolicyDocument document : List.of(policies(section), fragment(section))) {
        assertThat(validate(document)).isNotEmpty();
        for (ScopeLevel level : ScopeLevel.values()) {
          VALIDATOR.validateScope(document, level);
        }
      }
    }
  }
}
