package dev.sluice.core.expr;

import dev.sluice.core.expr.Token.Kind;
import dev.sluice.core.expr.Token.Part;
import java.util.ArrayList;
import java.util.List;

/** Splits C# expression code into tokens; throws {@link SyntaxError} at the offending offset. */
final class Lexer {
  private static final String[] PUNCTS = {
    "<<=", ">>=", "??=", "=>", "==", "!=", "<=", ">=", "&&", "||", "??", "?.", "?[", "++", "--", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "::", "(", ")", "[", "]", "{", "}", ".", ",", ";", ":",
    "?", "+", "-", "*", "/", "%", "!", "~", "<", ">", "=", "&", "|", "^"
  };

  private final String src;
  private final int end;
  private int pos;

  private Lexer(String src, int start, int end) {
    this.src = src;
    this.pos = start;
    this.end = end;
  }

  /** Tokens of {@code src[start, end)}, ending with an EOF token at {@code end}. */
  static List<Token> tokenize(String src, int start, int end) {
    Lexer lexer = new Lexer(src, start, end);
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = lexer.next();
      tokens.add(token);
    } while (token.kind() != Kind.EOF);
    return tokens;
  }

  private Token next() {
    skipTrivia();
    if (pos >= end) {
      return new Token(Kind.EOF, "", end, end, null, null);
    }
    int start = pos;
    char c = src.charAt(pos);
    if (c == '$' || (c == '@' && peek(1) == '$')) {
      return interpolated(start);
    }
    if (c == '@' && peek(1) == '"') {
      pos += 2;
      return new Token(Kind.STRING, src.substring(start, afterVerbatim()), start, pos, verbatimValue, null);
    }
    if (c == '"') {
      pos++;
      String value = regularString('"');
      return new Token(Kind.STRING, src.substring(start, pos), start, pos, value, null);
    }
    if (c == '\'') {
      pos++;
      String value = regularString('\'');
      if (value.length() != 1) {
        throw new SyntaxError(start, "a character literal must hold exactly one character");
      }
      return new Token(Kind.CHAR, src.substring(start, pos), start, pos, value.charAt(0), null);
    }
    if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
      return number(start);
    }
    if (Character.isJavaIdentifierStart(c) || c == '@' && Character.isJavaIdentifierStart(peek(1))) {
      if (c == '@') {
        pos++;
      }
      while (pos < end && Character.isJavaIdentifierPart(src.charAt(pos)) && src.charAt(pos) != '$') {
        pos++;
      }
      String word = src.substring(c == '@' ? start + 1 : start, pos);
      return new Token(Kind.IDENT, word, start, pos, null, null);
    }
    for (String p : PUNCTS) {
      if (src.startsWith(p, pos) && pos + p.length() <= end) {
        pos += p.length();
        return new Token(Kind.PUNCT, p, start, pos, null, null);
      }
    }
    throw new SyntaxError(start, "unexpected character '" + c + "'");
  }

  private char peek(int ahead) {
    return pos + ahead < end ? src.charAt(pos + ahead) : '\0';
  }

  private void skipTrivia() {
    while (pos < end) {
      char c = src.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '/' && peek(1) == '/') {
        while (pos < end && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '/' && peek(1) == '*') {
        int close = src.indexOf("*/", pos + 2);
        if (close < 0 || close + 2 > end) {
          throw new SyntaxError(pos, "unterminated comment");
        }
        pos = close + 2;
      } else {
        return;
      }
    }
  }

  private String verbatimValue;

  /** Scans a verbatim string body after {@code @"}; returns the end offset. */
  private int afterVerbatim() {
    int start = pos - 2;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= end) {
        throw new SyntaxError(start, "unterminated string literal");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        if (pos < end && src.charAt(pos) == '"') {
          value.append('"');
          pos++;
        } else {
          verbatimValue = value.toString();
          return pos;
        }
      } else {
        value.append(c);
      }
    }
  }

  private String regularString(char quote) {
    int start = pos - 1;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= end || src.charAt(pos) == '\n') {
        throw new SyntaxError(start, "unterminated " + (quote == '"' ? "string" : "character") + " literal");
      }
      char c = src.charAt(pos++);
      if (c == quote) {
        return value.toString();
      }
      if (c == '\\') {
        value.append(escape());
      } else {
        value.append(c);
      }
    }
  }

  private String escape() {
    int at = pos - 1;
    if (pos >= end) {
      throw new SyntaxError(at, "unterminated escape sequence");
    }
    char c = src.charAt(pos++);
    switch (c) {
      case 'n':
        return "\n";
      case 'r':
        return "\r";
      case 't':
        return "\t";
      case '0':
        return "\0";
      case 'a':
        return "\u0007";
      case 'b':
        return "\b";
      case 'f':
        return "\f";
      case 'v':
        return "\u000B";
      case '\\':
      case '"':
      case '\'':
        return String.valueOf(c);
      case 'u':
      case 'x':
        {
          int digits = 0;
          int value = 0;
          int max = c == 'u' ? 4 : 4;
          while (digits < max && pos < end && Character.digit(src.charAt(pos), 16) >= 0) {
            value = value * 16 + Character.digit(src.charAt(pos++), 16);
            digits++;
          }
          if (digits == 0 || (c == 'u' && digits != 4)) {
            throw new SyntaxError(at, "invalid unicode escape sequence");
          }
          return String.valueOf((char) value);
        }
      default:
        throw new SyntaxError(at, "unrecognized escape sequence '\\" + c + "'");
    }
  }

  private Token number(int start) {
    boolean hex = src.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X');
    boolean real = false;
    if (hex) {
      pos += 2;
      while (pos < end && (Character.digit(src.charAt(pos), 16) >= 0 || src.charAt(pos) == '_')) {
        pos++;
      }
    } else {
      digits();
      if (pos < end && src.charAt(pos) == '.' && Character.isDigit(peek(1))) {
        real = true;
        pos++;
        digits();
      }
      if (pos < end && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
        int save = pos;
        pos++;
        if (pos < end && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
          pos++;
        }
        if (pos < end && Character.isDigit(src.charAt(pos))) {
          real = true;
          digits();
        } else {
          pos = save;
        }
      }
    }
    String digits = src.substring(start, pos).replace("_", "");
    char suffix = pos < end ? Character.toLowerCase(src.charAt(pos)) : '\0';
    try {
      if (!hex && (suffix == 'd' || suffix == 'f' || suffix == 'm')) {
        pos++;
        return token(Kind.DOUBLE, start, Double.parseDouble(digits));
      }
      if (real) {
        return token(Kind.DOUBLE, start, Double.parseDouble(digits));
      }
      long value = hex ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
      if (suffix == 'l' || suffix == 'u') {
        while (pos < end && "lLuU".indexOf(src.charAt(pos)) >= 0) {
          pos++;
        }
        return token(Kind.LONG, start, value);
      }
      if (value <= Integer.MAX_VALUE || hex && value <= 0xFFFFFFFFL) {
        return token(Kind.INT, start, (int) value);
      }
      return token(Kind.LONG, start, value);
    } catch (NumberFormatException e) {
      throw new SyntaxError(start, "invalid number '" + digits + "': " + e.getMessage());
    }
  }

  private void digits() {
    while (pos < end && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
  }

  private Token token(Kind kind, int start, Object value) {
    if (pos < end && Character.isJavaIdentifierPart(src.charAt(pos))) {
      throw new SyntaxError(pos, "invalid character in number literal");
    }
    return new Token(kind, src.substring(start, pos), start, pos, value, null);
  }

  /** {@code $"...{expr[:format]}..."}, {@code $@"..."} or {@code @$"..."}. */
  private Token interpolated(int start) {
    boolean verbatim = src.charAt(pos) == '@' || peek(1) == '@';
    pos += verbatim ? 2 : 1;
    if (pos >= end || src.charAt(pos) != '"') {
      throw new SyntaxError(start, "expected '\"' after '$'");
    }
    pos++;
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    while (true) {
      if (pos >= end || (!verbatim && src.charAt(pos) == '\n')) {
        throw new SyntaxError(start, "unterminated interpolated string");
      }
      char c = src.charAt(pos++);
      if (c == '"') {
        if (verbatim && pos < end && src.charAt(pos) == '"') {
          literal.append('"');
          pos++;
          continue;
        }
        break;
      }
      if (c == '{') {
        if (pos < end && src.charAt(pos) == '{') {
          literal.append('{');
          pos++;
          continue;
        }
        if (literal.length() > 0) {
          parts.add(new Part(literal.toString(), 0, 0, null));
          literal.setLength(0);
        }
        parts.add(hole(pos - 1));
      } else if (c == '}') {
        if (pos < end && src.charAt(pos) == '}') {
          literal.append('}');
          pos++;
        } else {
          throw new SyntaxError(pos - 1, "'}' in an interpolated string must be written '}}'");
        }
      } else if (c == '\\' && !verbatim) {
        literal.append(escape());
      } else {
        literal.append(c);
      }
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), 0, 0, null));
    }
    return new Token(Kind.INTERPOLATED, src.substring(start, pos), start, pos, null, parts);
  }

  /** Scans one hole after its '{'; nested brackets and string literals are skipped over. */
  private Part hole(int open) {
    int codeStart = pos;
    int depth = 0;
    while (true) {
      if (pos >= end) {
        throw new SyntaxError(open, "unterminated interpolation hole");
      }
      char c = src.charAt(pos);
      if (c == '"' || c == '\'') {
        pos++;
        regularString(c);
        continue;
      }
      if (c == '@' && peek(1) == '"') {
        pos += 2;
        afterVerbatim();
        continue;
      }
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
        depth--;
      } else if (depth == 0 && (c == '}' || c == ':')) {
        break;
      }
      pos++;
    }
    int codeEnd = pos;
    if (codeEnd == codeStart || src.substring(codeStart, codeEnd).isBlank()) {
      throw new SyntaxError(open, "empty interpolation hole");
    }
    String format = null;
    if (src.charAt(pos) == ':') {
      int formatStart = ++pos;
      while (pos < end && src.charAt(pos) != '}' && src.charAt(pos) != '"') {
        pos++;
      }
      if (pos >= end || src.charAt(pos) != '}') {
        throw new SyntaxError(open, "unterminated interpolation format");
      }
      format = src.substring(formatStart, pos);
    }
    pos++;
    return new Part(null, codeStart, codeEnd, format);
  }
}
