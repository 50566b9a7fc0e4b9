package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class PolicyValueTest {
  private static final SourcePosition START = SourcePosition.of("p.xml", 3, 10);

  @Test
  void finds_named_values_trimmed_with_positions_across_lines() {
    PolicyValue value = PolicyValue.literal("Bearer {{ api-key }}\n  and {{other}}", START);

    assertThat(value.namedValues())
        .extracting(NamedValueRef::name, NamedValueRef::position)
        .containsExactly(
            tuple("api-key", SourcePosition.of("p.xml", 3, 17)),
            tuple("other", SourcePosition.of("p.xml", 4, 7)));
  }

  @Test
  void named_value_takes_two_braces_each_side_and_no_brace_inside() {
    assertThat(PolicyValue.literal("{{}}", START).namedValues()).isEmpty();
    assertThat(PolicyValue.literal("{{a{b}}", START).namedValues()).isEmpty();
    assertThat(PolicyValue.literal("{{a}", START).namedValues()).isEmpty();
    assertThat(PolicyValue.literal("{a}}", START).namedValues()).isEmpty();
    assertThat(PolicyValue.literal("{{{a}}}", START).namedValues())
        .extracting(NamedValueRef::name, NamedValueRef::position)
        .containsExactly(tuple("a", SourcePosition.of("p.xml", 3, 11)));
    assertThat(PolicyValue.literal("{{a}}{{b}}", START).namedValues())
        .extracting(NamedValueRef::name)
        .containsExactly("a", "b");
  }

  @Test
  void expression_text_is_searched_for_named_values_too() {
    PolicyValue value =
        PolicyValue.ofExpression(
            new Expression(Expression.Kind.INLINE, "@(\"{{key}}\")", START));

    assertThat(value.namedValues()).extracting(NamedValueRef::name).containsExactly("key");
  }

  @Test
  void placeholders_are_found_only_in_literals() {
    assertThat(PolicyValue.literal("${backend}", START).hasPlaceholder()).isTrue();
    assertThat(PolicyValue.literal("%{backend}", START).hasPlaceholder()).isTrue();
    assertThat(PolicyValue.literal("$backend", START).hasPlaceholder()).isFalse();
    assertThat(PolicyValue.literal("{{backend}}", START).hasPlaceholder()).isFalse();
    assertThat(PolicyValue.literal("{{backend}}", START).isPlainLiteral()).isFalse();
    assertThat(PolicyValue.literal("plain", START).isPlainLiteral()).isTrue();
  }
}
