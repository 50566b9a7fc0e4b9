package dev.sluice.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Attribute;
import dev.sluice.core.Expression;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyAccessTest {
  private static final SourcePosition AT = SourcePosition.of("policy.xml", 3, 5);

  private static PolicyDescriptor policy(String name) {
    return PolicyCatalog.standard().find(name).orElseThrow();
  }

  private static BodyAccess access(String policy, Target target) {
    return policy(policy).bodyAccess().stream()
        .filter(a -> a.target() == target)
        .findFirst()
        .orElseThrow(() -> new AssertionError(policy + " has no access to " + target));
  }

  private static PolicyNode forwardRequest(Attribute... attributes) {
    return PolicyNode.of("forward-request", List.of(attributes), List.of(), AT);
  }

  private static Attribute literal(String name, String text) {
    return new Attribute(name, PolicyValue.literal(text, AT), AT);
  }

  @Test
  void forward_request_buffers_the_response_when_buffer_response_is_absent() {
    assertThat(access("forward-request", Target.RESPONSE).buffers(forwardRequest())).contains(true);
  }

  @Test
  void forward_request_streams_the_response_when_buffer_response_is_false() {
    BodyAccess response = access("forward-request", Target.RESPONSE);

    assertThat(response.buffers(forwardRequest(literal("buffer-response", "false")))).contains(false);
    assertThat(response.buffers(forwardRequest(literal("buffer-response", " FALSE ")))).contains(false);
  }

  @Test
  void forward_request_buffers_the_response_when_buffer_response_is_true() {
    assertThat(access("forward-request", Target.RESPONSE).buffers(forwardRequest(literal("buffer-response", "true"))))
        .contains(true);
  }

  @Test
  void forward_request_buffering_is_undecided_for_an_expression_or_named_value() {
    BodyAccess response = access("forward-request", Target.RESPONSE);
    Attribute expression =
        new Attribute(
            "buffer-response",
            PolicyValue.ofExpression(new Expression(Expression.Kind.INLINE, "@(false)", AT)),
            AT);

    assertThat(response.buffers(forwardRequest(expression))).isEmpty();
    assertThat(response.buffers(forwardRequest(literal("buffer-response", "{{buffer}}")))).isEmpty();
    assertThat(response.buffers(forwardRequest(literal("buffer-response", "maybe")))).isEmpty();
  }

  @Test
  void forward_request_buffers_the_request_only_when_asked() {
    BodyAccess request = access("forward-request", Target.REQUEST);

    assertThat(request.buffers(forwardRequest())).contains(false);
    assertThat(request.buffers(forwardRequest(literal("buffer-request-body", "true")))).contains(true);
    assertThat(request.mode()).isEqualTo(Mode.READ);
  }

  @Test
  void validate_content_reads_the_response_in_outbound_and_the_request_in_inbound() {
    BodyAccess access = policy("validate-content").bodyAccess().get(0);
    PolicyNode node = PolicyNode.of("validate-content", List.of(), List.of(), AT);

    assertThat(access.target()).isEqualTo(Target.SECTION_MESSAGE);
    assertThat(access.resolveTarget(Section.OUTBOUND)).isEqualTo(Target.RESPONSE);
    assertThat(access.resolveTarget(Section.ON_ERROR)).isEqualTo(Target.RESPONSE);
    assertThat(access.resolveTarget(Section.INBOUND)).isEqualTo(Target.REQUEST);
    assertThat(access.buffers(node)).contains(true);
  }

  @Test
  void body_rewriting_transformations_buffer_the_section_message() {
    for (String name :
        List.of(
            "set-body", "find-and-replace", "json-to-xml", "xml-to-json", "xsl-transform",
            "redirect-content-urls")) {
      assertThat(policy(name).bodyAccess())
          .as(name)
          .containsExactly(BodyAccess.buffering(Target.SECTION_MESSAGE, Mode.REWRITE));
    }
  }

  @Test
  void response_caches_store_the_whole_response_and_lookups_serve_a_stored_copy() {
    for (String name :
        List.of("cache-store", "llm-semantic-cache-store", "azure-openai-semantic-cache-store")) {
      assertThat(policy(name).bodyAccess()).as(name).containsExactly(BodyAccess.buffering(Target.RESPONSE, Mode.STORE));
      assertThat(policy(name).bodyAccess().get(0).caches()).as(name).isTrue();
    }
    assertThat(policy("cache-lookup").bodyAccess())
        .containsExactly(BodyAccess.streaming(Target.RESPONSE, Mode.SERVE));
    for (String name : List.of("llm-semantic-cache-lookup", "azure-openai-semantic-cache-lookup")) {
      assertThat(policy(name).bodyAccess())
          .as(name)
          .containsExactly(
              BodyAccess.buffering(Target.REQUEST, Mode.READ),
              BodyAccess.streaming(Target.RESPONSE, Mode.SERVE));
    }
    assertThat(policy("cache-lookup-value").bodyAccess()).isEmpty();
    assertThat(BodyAccess.buffering(Target.RESPONSE, Mode.READ).caches()).isFalse();
  }

  @Test
  void responses_made_by_the_gateway_touch_no_backend_body() {
    assertThat(policy("return-response").bodyAccess()).isEmpty();
    assertThat(policy("mock-response").bodyAccess()).isEmpty();
    assertThat(policy("set-header").bodyAccess()).isEmpty();
    assertThat(policy("log-to-eventhub").bodyAccess()).isEmpty();
  }

  @Test
  void content_safety_buffers_the_request_and_token_metrics_stream_the_response() {
    assertThat(policy("llm-content-safety").bodyAccess())
        .containsExactly(BodyAccess.buffering(Target.REQUEST, Mode.READ));
    BodyAccess usage = access("azure-openai-token-limit", Target.RESPONSE);
    assertThat(usage.buffers(PolicyNode.of("azure-openai-token-limit", List.of(), List.of(), AT))).contains(false);
    BodyAccess prompt = access("llm-token-limit", Target.REQUEST);
    assertThat(
            prompt.buffers(
                PolicyNode.of(
                    "llm-token-limit", List.of(literal("estimate-prompt-tokens", "true")), List.of(), AT)))
        .contains(true);
  }
}
