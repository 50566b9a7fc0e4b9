package dev.sluice.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An attribute value or the text of an element, verbatim (after XML decoding) with its position.
 *
 * <p>A value is either a whole expression ({@code @(...)} / {@code @{...}}, see {@link #expression()})
 * or a literal, which may hold named-value references ({@code {{name}}}) and unrendered
 * deployment-template placeholders ({@code ${...}}, {@code %{...}}).
 */
public record PolicyValue(
    String text,
    SourcePosition position,
    Optional<Expression> expression,
    List<NamedValueRef> namedValues) {

  private static final Pattern NAMED_VALUE = Pattern.compile("\\{\\{([^{}]+)}}");
  private static final Pattern TEMPLATE_PLACEHOLDER = Pattern.compile("[$%]\\{[^{}]*}");

  public PolicyValue {
    requireNonNull(text, "text");
    requireNonNull(position, "position");
    requireNonNull(expression, "expression");
    namedValues = List.copyOf(namedValues);
  }

  /**
   * A literal value with its named-value references found (positions assume the text sits on one
   * line starting at {@code position}; multi-line values get line-accurate positions).
   */
  public static PolicyValue literal(String text, SourcePosition position) {
    return new PolicyValue(text, position, Optional.empty(), findNamedValues(text, position));
  }

  /** A value that is one whole expression. */
  public static PolicyValue ofExpression(Expression expression) {
    return new PolicyValue(
        expression.text(),
        expression.position(),
        Optional.of(expression),
        findNamedValues(expression.text(), expression.position()));
  }

  public boolean isExpression() {
    return expression.isPresent();
  }

  /** Whether the value holds an unrendered template placeholder and so cannot be checked. */
  public boolean hasPlaceholder() {
    return !isExpression() && TEMPLATE_PLACEHOLDER.matcher(text).find();
  }

  /** Whether the literal can be checked as typed data: no expression, named value or placeholder. */
  public boolean isPlainLiteral() {
    return !isExpression() && namedValues.isEmpty() && !hasPlaceholder();
  }

  /** The position of the character at {@code index} in {@link #text()}, following line breaks. */
  public SourcePosition positionOf(int index) {
    return offset(position, text, index);
  }

  static List<NamedValueRef> findNamedValues(String text, SourcePosition start) {
    if (text.indexOf("{{") < 0) {
      return List.of();
    }
    Matcher matcher = NAMED_VALUE.matcher(text);
    List<NamedValueRef> refs = new java.util.ArrayList<>();
    while (matcher.find()) {
      refs.add(new NamedValueRef(matcher.group(1).trim(), offset(start, text, matcher.start())));
    }
    return List.copyOf(refs);
  }

  private static SourcePosition offset(SourcePosition start, String text, int index) {
    int line = start.line();
    int column = start.column();
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return start.at(line, column);
  }

  @Override
  public String toString() {
    return text;
  }
}
