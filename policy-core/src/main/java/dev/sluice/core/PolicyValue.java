package dev.sluice.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    return !isExpression() && text.indexOf('{') >= 0 && TEMPLATE_PLACEHOLDER.matcher(text).find();
  }

  /** Whether the literal can be checked as typed data: no expression, named value or placeholder. */
  public boolean isPlainLiteral() {
    return !isExpression() && namedValues.isEmpty() && !hasPlaceholder();
  }

  /** The position of the character at {@code index} in {@link #text()}, following line breaks. */
  public SourcePosition positionOf(int index) {
    return offset(position, text, index);
  }

  /**
   * Every {@code {{name}}}: two opening braces, one or more characters that are not braces, two
   * closing braces; leftmost first, the next search starting after each match.
   */
  static List<NamedValueRef> findNamedValues(String text, SourcePosition start) {
    int open = text.indexOf("{{");
    if (open < 0) {
      return List.of();
    }
    List<NamedValueRef> refs = null;
    int n = text.length();
    while (open >= 0) {
      int nameStart = open + 2;
      int nameEnd = nameStart;
      while (nameEnd < n && text.charAt(nameEnd) != '{' && text.charAt(nameEnd) != '}') {
        nameEnd++;
      }
      if (nameEnd > nameStart
          && nameEnd + 1 < n
          && text.charAt(nameEnd) == '}'
          && text.charAt(nameEnd + 1) == '}') {
        if (refs == null) {
          refs = new ArrayList<>(2);
        }
        refs.add(
            new NamedValueRef(
                text.substring(nameStart, nameEnd).trim(), offset(start, text, open)));
        open = text.indexOf("{{", nameEnd + 2);
      } else {
        open = text.indexOf("{{", open + 1);
      }
    }
    return refs == null ? List.of() : List.copyOf(refs);
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
