package dev.sluice.core.expr;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Expression;
import dev.sluice.core.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code of one expression after named-value substitution, with a map back to the original text
 * so every diagnostic points at the character the author wrote.
 */
final class Source {
  private static final Pattern NAMED_VALUE = Pattern.compile("\\{\\{([^{}]+)}}");

  final String code;
  /** For each index in {@link #code} (and one past the end), the index in the original text. */
  private final int[] originalIndex;

  private final Expression expression;

  private Source(Expression expression, String code, int[] originalIndex) {
    this.expression = expression;
    this.code = code;
    this.originalIndex = originalIndex;
  }

  /**
   * Substitutes {@code {{name}}} references and keeps the code between the delimiters. Unknown
   * names become the empty string with a warning, as the deployment would reject them.
   */
  static Source of(Expression expression, Map<String, String> namedValues, List<Diagnostic> out) {
    String text = expression.text();
    int codeStart = 2;
    int codeEnd = Math.max(codeStart, text.length() - 1);
    StringBuilder code = new StringBuilder(codeEnd - codeStart);
    List<Integer> map = new ArrayList<>(codeEnd - codeStart + 1);
    Matcher matcher = NAMED_VALUE.matcher(text).region(codeStart, codeEnd);
    int at = codeStart;
    while (matcher.find()) {
      for (int i = at; i < matcher.start(); i++) {
        code.append(text.charAt(i));
        map.add(i);
      }
      String name = matcher.group(1).trim();
      String value = namedValues.get(name);
      if (value == null) {
        out.add(
            Diagnostic.of(
                DiagnosticCode.EXPRESSION_NAMED_VALUE,
                position(expression, matcher.start()),
                "named value '" + name + "' is not defined; it was replaced by an empty string"));
        value = "";
      }
      for (int i = 0; i < value.length(); i++) {
        code.append(value.charAt(i));
        map.add(matcher.start());
      }
      at = matcher.end();
    }
    for (int i = at; i < codeEnd; i++) {
      code.append(text.charAt(i));
      map.add(i);
    }
    map.add(codeEnd);
    int[] index = new int[map.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = map.get(i);
    }
    return new Source(expression, code.toString(), index);
  }

  Expression expression() {
    return expression;
  }

  /** The file position of the character at {@code offset} in {@link #code}. */
  SourcePosition position(int offset) {
    int clamped = Math.max(0, Math.min(offset, originalIndex.length - 1));
    return position(expression, originalIndex[clamped]);
  }

  private static SourcePosition position(Expression expression, int textIndex) {
    SourcePosition start = expression.position();
    String text = expression.text();
    int line = start.line();
    int column = start.column();
    for (int i = 0; i < textIndex && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return start.at(line, column);
  }
}
