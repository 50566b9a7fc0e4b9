package dev.sluice.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCatalogTest {
  private static final PolicyCatalog CATALOG = PolicyCatalog.standard();

  private static PolicyDescriptor policy(String name) {
    return CATALOG.find(name).orElseThrow(() -> new AssertionError("not in catalog: " + name));
  }

  private static AttributeDescriptor attribute(ElementDescriptor element, String name) {
    return element.attribute(name).orElseThrow(() -> new AssertionError("no attribute " + name));
  }

  private static ElementDescriptor child(ElementDescriptor element, String name) {
    return element.child(name).orElseThrow(() -> new AssertionError("no child " + name));
  }

  @Test
  void registry_is_sorted_by_name_and_names_are_unique() {
    List<String> names = PolicyCatalog.REGISTRY.stream().map(PolicyDescriptor::name).toList();

    assertThat(names).isSorted().doesNotHaveDuplicates();
    assertThat(CATALOG.all()).hasSameSizeAs(PolicyCatalog.REGISTRY);
  }

  @Test
  void holds_every_described_apim_policy() {
    assertThat(CATALOG.all().stream().map(PolicyDescriptor::name))
        .contains(
            "base", "include-fragment", "forward-request", "set-backend-service", "rewrite-uri",
            "set-header", "set-query-parameter", "set-variable", "set-body", "set-status",
            "set-method", "choose", "return-response", "mock-response", "send-request",
            "send-one-way-request", "retry", "wait", "limit-concurrency", "rate-limit",
            "rate-limit-by-key", "quota", "quota-by-key", "check-header", "ip-filter", "cors",
            "cache-lookup", "cache-store", "cache-lookup-value", "cache-store-value",
            "cache-remove-value", "log-to-eventhub", "trace", "emit-metric", "find-and-replace",
            "json-to-xml", "xml-to-json", "xsl-transform", "redirect-content-urls",
            "validate-content", "validate-headers", "validate-parameters", "validate-status-code",
            "validate-jwt", "validate-azure-ad-token", "authentication-managed-identity",
            "authentication-basic", "authentication-certificate", "llm-token-limit",
            "azure-openai-token-limit", "llm-emit-token-metric", "azure-openai-emit-token-metric",
            "llm-semantic-cache-lookup", "llm-semantic-cache-store",
            "azure-openai-semantic-cache-lookup", "azure-openai-semantic-cache-store",
            "llm-content-safety");
  }

  @Test
  void set_url_is_only_an_element_of_send_request_not_a_policy() {
    assertThat(CATALOG.find("set-url")).isEmpty();
    assertThat(policy("send-request").element().child("set-url")).isPresent();
    assertThat(policy("send-one-way-request").element().child("set-url")).isPresent();
  }

  @Test
  void every_entry_has_a_summary_and_an_apim_reference() {
    for (PolicyDescriptor descriptor : CATALOG.all()) {
      assertThat(descriptor.summary()).as(descriptor.name()).isNotBlank().doesNotEndWith(".");
      assertThat(descriptor.reference())
          .as(descriptor.name())
          .startsWith("https://learn.microsoft.com/en-us/azure/api-management/");
      assertThat(descriptor.sections()).as(descriptor.name()).isNotEmpty();
      assertThat(descriptor.scopes()).as(descriptor.name()).isNotEmpty();
    }
  }

  @Test
  void every_policy_accepts_the_optional_id_attribute() {
    for (PolicyDescriptor descriptor : CATALOG.all()) {
      AttributeDescriptor id = attribute(descriptor.element(), "id");
      assertThat(id.required()).as(descriptor.name()).isFalse();
    }
  }

  @Test
  void enum_defaults_are_allowed_values_and_occurrences_are_consistent() {
    List<String> problems = new ArrayList<>();
    for (PolicyDescriptor descriptor : CATALOG.all()) {
      check(descriptor.name(), descriptor.element(), problems);
    }
    assertThat(problems).isEmpty();
  }

  private static void check(String path, ElementDescriptor element, List<String> problems) {
    Set<String> names = new HashSet<>();
    for (AttributeDescriptor attribute : element.attributes()) {
      if (!names.add(attribute.name())) {
        problems.add(path + ": duplicate attribute " + attribute.name());
      }
      if (attribute.type() == AttributeType.ENUM
          && attribute.defaultValue().isPresent()
          && !attribute.enumValues().contains(attribute.defaultValue().get())) {
        problems.add(path + "@" + attribute.name() + ": default not among values");
      }
      if (attribute.type() == AttributeType.BOOLEAN
          && attribute.defaultValue().isPresent()
          && !Set.of("true", "false").contains(attribute.defaultValue().get())) {
        problems.add(path + "@" + attribute.name() + ": boolean default");
      }
    }
    Set<String> childNames = new HashSet<>();
    for (ElementDescriptor child : element.children()) {
      if (!childNames.add(child.name())) {
        problems.add(path + ": duplicate child " + child.name());
      }
      if (child.minOccurs() < 0
          || (child.maxOccurs() != ElementDescriptor.UNBOUNDED && child.maxOccurs() < child.minOccurs())
          || child.maxOccurs() == 0) {
        problems.add(path + "/" + child.name() + ": occurs " + child.minOccurs() + ".." + child.maxOccurs());
      }
      check(path + "/" + child.name(), child, problems);
    }
    if (!element.children().isEmpty() && element.content() != ContentModel.ELEMENTS) {
      problems.add(path + ": children but content " + element.content());
    }
  }

  @Test
  void buffering_attributes_are_declared_booleans_of_their_policy() {
    for (PolicyDescriptor descriptor : CATALOG.all()) {
      for (BodyAccess access : descriptor.bodyAccess()) {
        if (access.bufferingAttribute().isPresent()) {
          AttributeDescriptor attribute =
              attribute(descriptor.element(), access.bufferingAttribute().get());
          assertThat(attribute.type()).as(descriptor.name()).isEqualTo(AttributeType.BOOLEAN);
        }
      }
    }
  }

  @Test
  void quota_is_product_scope_only_once_per_document() {
    PolicyDescriptor quota = policy("quota");

    assertThat(quota.scopes()).containsExactly(ScopeLevel.PRODUCT);
    assertThat(quota.allowedAt(ScopeLevel.API)).isFalse();
    assertThat(quota.sections()).containsExactly(Section.INBOUND);
    assertThat(quota.multiplicity()).isEqualTo(Multiplicity.ONCE_PER_DOCUMENT);
    assertThat(attribute(quota.element(), "renewal-period").required()).isTrue();
    assertThat(attribute(quota.element(), "calls").required()).isFalse();
  }

  @Test
  void rate_limit_is_not_allowed_at_global_scope_but_by_key_is() {
    assertThat(policy("rate-limit").scopes())
        .containsExactlyInAnyOrder(ScopeLevel.PRODUCT, ScopeLevel.API, ScopeLevel.OPERATION);
    assertThat(policy("rate-limit-by-key").allowedAt(ScopeLevel.GLOBAL)).isTrue();
    assertThat(policy("quota-by-key").allowedAt(ScopeLevel.GLOBAL)).isTrue();
  }

  @Test
  void forward_request_stands_only_in_backend_and_buffers_the_response_by_default() {
    PolicyDescriptor forward = policy("forward-request");

    assertThat(forward.sections()).containsExactly(Section.BACKEND);
    AttributeDescriptor bufferResponse = attribute(forward.element(), "buffer-response");
    assertThat(bufferResponse.defaultValue()).contains("true");
    assertThat(bufferResponse.expressionAllowed()).isFalse();
    assertThat(attribute(forward.element(), "http-version").enumValues()).containsExactly("1", "2or1", "2");
  }

  @Test
  void set_header_exists_action_values_and_default() {
    AttributeDescriptor existsAction = attribute(policy("set-header").element(), "exists-action");

    assertThat(existsAction.type()).isEqualTo(AttributeType.ENUM);
    assertThat(existsAction.enumValues()).containsExactly("override", "skip", "append", "delete");
    assertThat(existsAction.defaultValue()).contains("override");
    assertThat(attribute(policy("set-header").element(), "name").required()).isTrue();
  }

  @Test
  void log_to_eventhub_requires_logger_id_and_its_text_may_be_an_expression() {
    ElementDescriptor element = policy("log-to-eventhub").element();

    assertThat(attribute(element, "logger-id").required()).isTrue();
    assertThat(attribute(element, "logger-id").expressionAllowed()).isFalse();
    assertThat(attribute(element, "partition-key").expressionAllowed()).isTrue();
    assertThat(element.content()).isEqualTo(ContentModel.TEXT);
    assertThat(element.textExpressionAllowed()).isTrue();
  }

  @Test
  void cache_lookup_value_requires_key_and_variable_name() {
    ElementDescriptor element = policy("cache-lookup-value").element();

    assertThat(element.attributes().stream().filter(AttributeDescriptor::required).map(AttributeDescriptor::name))
        .containsExactlyInAnyOrder("key", "variable-name");
    assertThat(attribute(element, "caching-type").enumValues())
        .containsExactly("prefer-external", "external", "internal");
  }

  @Test
  void policies_holding_policies_use_the_policies_content_model() {
    assertThat(policy("retry").element().content()).isEqualTo(ContentModel.POLICIES);
    assertThat(policy("wait").element().content()).isEqualTo(ContentModel.POLICIES);
    assertThat(policy("limit-concurrency").element().content()).isEqualTo(ContentModel.POLICIES);
    ElementDescriptor choose = policy("choose").element();
    assertThat(child(choose, "when").content()).isEqualTo(ContentModel.POLICIES);
    assertThat(child(choose, "when").minOccurs()).isEqualTo(1);
    assertThat(child(choose, "otherwise").content()).isEqualTo(ContentModel.POLICIES);
    assertThat(child(choose, "otherwise").maxOccurs()).isEqualTo(1);
    assertThat(attribute(child(choose, "when"), "condition").expressionAllowed()).isTrue();
  }

  @Test
  void set_body_content_is_kept_verbatim_everywhere_it_occurs() {
    assertThat(policy("set-body").element().content()).isEqualTo(ContentModel.RAW);
    assertThat(child(policy("send-request").element(), "set-body").content()).isEqualTo(ContentModel.RAW);
    assertThat(child(policy("return-response").element(), "set-body").content()).isEqualTo(ContentModel.RAW);
  }

  @Test
  void send_request_children_and_required_response_variable() {
    ElementDescriptor sendRequest = policy("send-request").element();

    assertThat(sendRequest.children().stream().map(ElementDescriptor::name))
        .containsExactly(
            "set-url", "set-method", "set-header", "set-body", "authentication-certificate",
            "authentication-managed-identity", "proxy");
    assertThat(attribute(sendRequest, "response-variable-name").required()).isTrue();
    assertThat(attribute(sendRequest, "mode").enumValues()).containsExactly("new", "copy");
    assertThat(child(sendRequest, "set-header").maxOccurs()).isEqualTo(ElementDescriptor.UNBOUNDED);
  }

  @Test
  void return_response_children_are_status_header_and_body() {
    assertThat(policy("return-response").element().children().stream().map(ElementDescriptor::name))
        .containsExactly("set-status", "set-header", "set-body");
  }

  @Test
  void validation_policies_stand_where_the_reference_says() {
    assertThat(policy("validate-content").sections())
        .containsExactlyInAnyOrder(Section.INBOUND, Section.OUTBOUND, Section.ON_ERROR);
    assertThat(policy("validate-headers").sections())
        .containsExactlyInAnyOrder(Section.OUTBOUND, Section.ON_ERROR);
    assertThat(policy("validate-headers").multiplicity()).isEqualTo(Multiplicity.ONCE_PER_SECTION);
    assertThat(policy("validate-parameters").sections()).containsExactly(Section.INBOUND);
    assertThat(attribute(policy("validate-content").element(), "max-size").required()).isTrue();
  }

  @Test
  void cors_is_inbound_once_per_section_and_requires_allowed_origins() {
    PolicyDescriptor cors = policy("cors");

    assertThat(cors.sections()).containsExactly(Section.INBOUND);
    assertThat(cors.multiplicity()).isEqualTo(Multiplicity.ONCE_PER_SECTION);
    ElementDescriptor origins = child(cors.element(), "allowed-origins");
    assertThat(origins.minOccurs()).isEqualTo(1);
    assertThat(child(origins, "origin").minOccurs()).isEqualTo(1);
    assertThat(attribute(cors.element(), "terminate-unmatched-request").defaultValue()).contains("true");
  }

  @Test
  void emit_metric_needs_one_to_ten_dimensions() {
    ElementDescriptor dimension = child(policy("emit-metric").element(), "dimension");

    assertThat(dimension.minOccurs()).isEqualTo(1);
    assertThat(dimension.maxOccurs()).isEqualTo(10);
    assertThat(child(policy("llm-emit-token-metric").element(), "dimension").maxOccurs()).isEqualTo(5);
  }

  @Test
  void token_limits_require_counter_key_and_estimate_prompt_tokens() {
    for (String name : List.of("llm-token-limit", "azure-openai-token-limit")) {
      ElementDescriptor element = policy(name).element();
      assertThat(attribute(element, "counter-key").required()).as(name).isTrue();
      assertThat(attribute(element, "estimate-prompt-tokens").required()).as(name).isTrue();
      assertThat(policy(name).sections()).as(name).containsExactly(Section.INBOUND);
    }
    assertThat(attribute(policy("azure-openai-token-limit").element(), "tokens-per-minute").required())
        .isTrue();
    assertThat(attribute(policy("llm-token-limit").element(), "token-quota-period").enumValues())
        .containsExactly("Hourly", "Daily", "Weekly", "Monthly", "Yearly");
  }
}
