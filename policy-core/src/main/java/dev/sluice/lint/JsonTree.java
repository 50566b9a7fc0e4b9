package dev.sluice.lint;

import dev.sluice.core.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/**
 * A small JSON reader for configuration files, keeping the position of every value so that
 * configuration errors point at {@code file:line:col}. Not a general-purpose parser: it reads
 * RFC 8259 JSON of bounded size and depth into a tree.
 */
final class JsonTree {

  private static final int MAX_DEPTH = 64;

  /** A JSON value with where it starts. */
  sealed interface Value permits Obj, Arr, Str, Literal {
    SourcePosition position();
  }

  record Member(String key, SourcePosition keyPosition, Value value) {}

  record Obj(List<Member> members, SourcePosition position) implements Value {}

  record Arr(List<Value> items, SourcePosition position) implements Value {}

  record Str(String text, SourcePosition position) implements Value {}

  /** A number, {@code true}, {@code false} or {@code null}, as written. */
  record Literal(String text, SourcePosition position) implements Value {}

  /** Thrown inside the reader only, turned into a diagnostic by the caller. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;
    private final SourcePosition position;

    SyntaxError(SourcePosition position, String message) {
      super(message);
      this.position = position;
    }

    SourcePosition position() {
      return position;
    }
  }

  private final String file;
  private final String text;
  private int index;
  private int line = 1;
  private int column = 1;

  private JsonTree(String file, String text) {
    this.file = file;
    this.text = text;
  }

  static Value parse(String file, String text) throws SyntaxError {
    JsonTree reader = new JsonTree(file, text);
    if (text.startsWith("\uFEFF")) {
      reader.index = 1;
    }
    reader.skipWhitespace();
    Value value = reader.value(0);
    reader.skipWhitespace();
    if (reader.index < text.length()) {
      throw reader.error("unexpected text after the JSON value");
    }
    return value;
  }

  private Value value(int depth) throws SyntaxError {
    if (depth > MAX_DEPTH) {
      throw error("JSON nested deeper than " + MAX_DEPTH);
    }
    if (index >= text.length()) {
      throw error("unexpected end of file, expected a value");
    }
    char c = text.charAt(index);
    return switch (c) {
      case '{' -> object(depth);
      case '[' -> array(depth);
      case '"' -> string();
      default -> literal();
    };
  }

  private Obj object(int depth) throws SyntaxError {
    SourcePosition start = here();
    advance();
    List<Member> members = new ArrayList<>();
    skipWhitespace();
    if (peek() == '}') {
      advance();
      return new Obj(members, start);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a quoted key");
      }
      Str key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.add(new Member(key.text(), key.position(), value(depth + 1)));
      skipWhitespace();
      if (peek() == ',') {
        advance();
        continue;
      }
      expect('}');
      return new Obj(List.copyOf(members), start);
    }
  }

  private Arr array(int depth) throws SyntaxError {
    SourcePosition start = here();
    advance();
    List<Value> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      advance();
      return new Arr(items, start);
    }
    while (true) {
      skipWhitespace();
      items.add(value(depth + 1));
      skipWhitespace();
      if (peek() == ',') {
        advance();
        continue;
      }
      expect(']');
      return new Arr(List.copyOf(items), start);
    }
  }

  private Str string() throws SyntaxError {
    SourcePosition start = here();
    advance();
    StringBuilder out = new StringBuilder();
    while (true) {
      if (index >= text.length()) {
        throw new SyntaxError(start, "unterminated string");
      }
      char c = text.charAt(index);
      if (c == '"') {
        advance();
        return new Str(out.toString(), start);
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c == '\\') {
        advance();
        char escape = peek();
        switch (escape) {
          case '"', '\\', '/' -> out.append(escape);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (index + 5 > text.length()) {
              throw error("incomplete \\u escape");
            }
            String hex = text.substring(index + 1, index + 5);
            try {
              out.append((char) Integer.parseInt(hex, 16));
            } catch (NumberFormatException e) {
              throw error("invalid \\u escape: " + hex);
            }
            for (int i = 0; i < 4; i++) {
              advance();
            }
          }
          default -> throw error("invalid escape \\" + escape);
        }
        advance();
        continue;
      }
      out.append(c);
      advance();
    }
  }

  private Literal literal() throws SyntaxError {
    SourcePosition start = here();
    int begin = index;
    while (index < text.length() && "{}[],:\" \t\r\n".indexOf(text.charAt(index)) < 0) {
      advance();
    }
    String word = text.substring(begin, index);
    if (word.equals("true") || word.equals("false") || word.equals("null")
        || word.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      return new Literal(word, start);
    }
    throw new SyntaxError(start, word.isEmpty() ? "expected a value" : "invalid value: " + word);
  }

  private void expect(char c) throws SyntaxError {
    if (peek() != c) {
      throw error(index >= text.length() ? "unexpected end of file, expected '" + c + "'"
          : "expected '" + c + "' but found '" + text.charAt(index) + "'");
    }
    advance();
  }

  private char peek() {
    return index < text.length() ? text.charAt(index) : '\0';
  }

  private void advance() {
    if (text.charAt(index) == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    index++;
  }

  private void skipWhitespace() {
    while (index < text.length() && " \t\r\n".indexOf(text.charAt(index)) >= 0) {
      advance();
    }
  }

  private SourcePosition here() {
    return SourcePosition.of(file, line, column);
  }

  private SyntaxError error(String message) {
    return new SyntaxError(here(), message);
  }
}
