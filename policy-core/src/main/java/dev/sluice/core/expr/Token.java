package dev.sluice.core.expr;

import java.util.List;

/** One lexical token; {@code start}/{@code end} are offsets in {@link Source#code}. */
record Token(Kind kind, String text, int start, int end, Object value, List<Part> parts) {

  enum Kind {
    IDENT,
    INT,
    LONG,
    DOUBLE,
    STRING,
    CHAR,
    INTERPOLATED,
    PUNCT,
    EOF
  }

  /**
   * One piece of an interpolated string: literal text, or a hole whose code spans {@code
   * start..end} with an optional format after {@code :}.
   */
  record Part(String literal, int start, int end, String format) {
    boolean isHole() {
      return literal == null;
    }
  }

  Token {
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  boolean is(String punctOrWord) {
    return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(punctOrWord);
  }

  @Override
  public String toString() {
    return kind == Kind.EOF ? "end of expression" : "'" + text + "'";
  }
}
