package dev.sluice.xml;

import dev.sluice.core.DiagnosticCode;
import java.util.Optional;

/**
 * Hides policy expressions from the XML parser.
 *
 * <p>Exported APIM policies hold C# expressions verbatim: raw quotes inside a double-quoted attribute,
 * raw {@code <}, {@code &&} and generics. In one pass over the text this class finds each {@code @(}
 * or {@code @{} that starts an attribute value or the text of an element, finds its true end by
 * lexing C# (balanced brackets; string, verbatim, interpolated and char literals; comments), and
 * overwrites the expression with {@link #MASK} characters, keeping every line break, so that the
 * masked text has the same length, lines and columns as the original. The builder reads expression
 * text back from the original.
 *
 * <p>Context is decided by a small tokenizer (tags, attribute values, comments, CDATA, processing
 * instructions), not a full parser: an {@code @} anywhere else is left alone. A {@code <!DOCTYPE} is
 * reported here, before any parser sees it.
 */
final class ExpressionMasker {
  static final char MASK = 'x';

  private ExpressionMasker() {}

  /** A problem that stops reading, at a char offset. */
  record Problem(DiagnosticCode code, int offset, String message) {}

  /**
   * The masked text (same length as the input) or the problem that prevents parsing, and the
   * expressions masked: {@code spans[2k]} is where the k-th starts, {@code spans[2k+1]} where it
   * ends (exclusive), in document order.
   */
  record Result(char[] masked, Optional<Problem> problem, int[] spans, int spanCount) {

    Result(char[] masked, Optional<Problem> problem) {
      this(masked, problem, new int[0], 0);
    }

    /** The end of the masked expression starting at {@code start}, or -1 if none starts there. */
    int spanEndAt(int start) {
      int low = 0;
      int high = spanCount - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        int value = spans[2 * mid];
        if (value < start) {
          low = mid + 1;
        } else if (value > start) {
          high = mid - 1;
        } else {
          return spans[2 * mid + 1];
        }
      }
      return -1;
    }
  }

  /** Masks every expression in {@code text} (line breaks already normalized). */
  static Result mask(String text) {
    return mask(text, text.toCharArray());
  }

  /** As {@link #mask(String)}, masking in place {@code chars}, a copy of {@code text}'s chars. */
  static Result mask(String text, char[] chars) {
    char[] c = chars;
    int n = c.length;
    int depth = 0;
    boolean textStart = false;
    int i = 0;
    Lexer lexer = new Lexer(c, n, true);
    Spans spans = new Spans();
    while (i < n) {
      char ch = c[i];
      if (ch == '<') {
        textStart = true;
        if (startsWith(c, i, "<!--")) {
          i = skipPast(text, i + 4, "-->");
        } else if (startsWith(c, i, "<![CDATA[")) {
          i = skipPast(text, i + 9, "]]>");
        } else if (startsWith(c, i, "<?")) {
          i = skipPast(text, i + 2, "?>");
        } else if (startsWith(c, i, "<!DOCTYPE")) {
          return new Result(
              c,
              Optional.of(
                  new Problem(
                      DiagnosticCode.DOCTYPE_FORBIDDEN,
                      i,
                      "DOCTYPE declarations are not allowed in policy files (no DTDs, no entities);"
                          + " remove it")));
        } else if (startsWith(c, i, "<!")) {
          i = skipPast(text, i + 2, ">");
        } else if (startsWith(c, i, "</")) {
          i = skipPast(text, i + 2, ">");
          depth--;
        } else {
          int end = scanStartTag(c, n, i + 1, lexer, spans);
          if (end < 0) {
            return new Result(c, Optional.of(lexer.problem()));
          }
          if (!(end >= 2 && c[end - 1] == '>' && c[end - 2] == '/')) {
            depth++;
          }
          i = end;
        }
        continue;
      }
      if (textStart && depth > 0) {
        if (isXmlSpace(ch)) {
          // Indentation: skip the run here rather than char by char through the outer loop.
          i++;
          while (i < n && isXmlSpace(c[i])) {
            i++;
          }
          continue;
        }
        textStart = false;
        if (ch == '@' && i + 1 < n && (c[i + 1] == '(' || c[i + 1] == '{')) {
          int end = lexer.expressionEnd(i);
          if (end < 0) {
            return new Result(c, Optional.of(lexer.problem()));
          }
          maskRange(c, i, end);
          spans.add(i, end);
          i = end;
          continue;
        }
      }
      int next = text.indexOf('<', i + 1);
      i = next < 0 ? n : next;
    }
    return new Result(c, Optional.empty(), spans.values, spans.count);
  }

  /** A growable list of start/end pairs. */
  private static final class Spans {
    int[] values = new int[16];
    int count;

    void add(int start, int end) {
      if (2 * count + 2 > values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[2 * count] = start;
      values[2 * count + 1] = end;
      count++;
    }
  }

  /**
   * The end (exclusive) of the expression whose {@code @} is at {@code start} in {@code text}, read
   * as plain text (no XML references), or -1 when it does not close.
   */
  static int expressionEnd(String text, int start) {
    char[] c = text.toCharArray();
    return new Lexer(c, c.length, false).expressionEnd(start);
  }

  /** Whether {@code text} is exactly one whole expression. */
  static boolean isWholeExpression(String text) {
    return text.length() >= 3
        && text.charAt(0) == '@'
        && (text.charAt(1) == '(' || text.charAt(1) == '{')
        && expressionEnd(text, 0) == text.length();
  }

  /** Scans a start tag from after its {@code <}; returns the index after {@code >}, or -1. */
  private static int scanStartTag(char[] c, int n, int from, Lexer lexer, Spans spans) {
    int j = from;
    while (j < n) {
      char ch = c[j];
      if (ch == '>') {
        return j + 1;
      }
      if (ch == '<') {
        return j; // malformed; the parser reports it
      }
      if (ch == '"' || ch == '\'') {
        int valueStart = j + 1;
        int k = valueStart;
        if (k + 1 < n && c[k] == '@' && (c[k + 1] == '(' || c[k + 1] == '{')) {
          int end = lexer.expressionEnd(k);
          if (end < 0) {
            return -1;
          }
          maskRange(c, k, end);
          spans.add(k, end);
          k = end;
        }
        while (k < n && c[k] != ch) {
          k++;
        }
        j = k + 1;
        continue;
      }
      j++;
    }
    return n;
  }

  private static void maskRange(char[] c, int from, int to) {
    for (int k = from; k < to; k++) {
      if (c[k] != '\n') {
        c[k] = MASK;
      }
    }
  }

  private static int skipPast(String text, int from, String terminator) {
    int end = text.indexOf(terminator, from);
    return end < 0 ? text.length() : end + terminator.length();
  }

  static boolean startsWith(char[] c, int at, String prefix) {
    if (at + prefix.length() > c.length) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (c[at + k] != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  static boolean isXmlSpace(char ch) {
    return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
  }

  /**
   * A C# lexer just good enough to find where an expression ends. Optionally reads XML references
   * ({@code &quot;} and friends) as the characters they stand for, so the escaped form of an
   * expression lexes like the raw form. Nesting (interpolation holes) uses an explicit stack.
   */
  private static final class Lexer {
    private static final int CODE = 0;
    private static final int INTERPOLATED = 1;
    private static final int INTERPOLATED_VERBATIM = 2;

    private final char[] c;
    private final int n;
    private final boolean references;
    /** Length of the char last returned by {@link #at}. */
    private int len;

    private int[] modes = new int[8];
    private int[] depths = new int[8];
    private int sp;

    private int problemOffset;
    private String problemMessage = "";

    Lexer(char[] c, int n, boolean references) {
      this.c = c;
      this.n = n;
      this.references = references;
    }

    Problem problem() {
      return new Problem(DiagnosticCode.UNTERMINATED_EXPRESSION, problemOffset, problemMessage);
    }

    /** The char at {@code i} (a reference read as its char), or -1 at the end. */
    int at(int i) {
      if (i >= n) {
        len = 0;
        return -1;
      }
      char ch = c[i];
      len = 1;
      if (ch == '&' && references) {
        int decoded = reference(i);
        if (decoded >= 0) {
          return decoded;
        }
      }
      return ch;
    }

    private int reference(int i) {
      int semi = -1;
      for (int k = i + 1; k < n && k < i + 12; k++) {
        if (c[k] == ';') {
          semi = k;
          break;
        }
      }
      if (semi < 0) {
        return -1;
      }
      int value = XmlText.referenceValue(c, i + 1, semi);
      if (value < 0 || value > 0xFFFF) {
        return -1;
      }
      len = semi + 1 - i;
      return value;
    }

    private void push(int mode) {
      sp++;
      if (sp == modes.length) {
        modes = java.util.Arrays.copyOf(modes, sp * 2);
        depths = java.util.Arrays.copyOf(depths, sp * 2);
      }
      modes[sp] = mode;
      depths[sp] = 1;
    }

    private int fail(int start, String message) {
      problemOffset = start;
      problemMessage = message;
      return -1;
    }

    /** The end (exclusive) of the expression at {@code start} ({@code @(} or {@code @{}), or -1. */
    int expressionEnd(int start) {
      sp = 0;
      modes[0] = CODE;
      depths[0] = 1;
      char opener = c[start + 1];
      String unclosed =
          "expression " + (opener == '(' ? "@(" : "@{") + " is not closed: add the missing "
              + (opener == '(' ? "')'" : "'}'") + " or close the open string literal";
      int i = start + 2;
      while (true) {
        int ch = at(i);
        if (ch < 0) {
          return fail(start, unclosed);
        }
        int next = i + len;
        if (modes[sp] == CODE) {
          switch (ch) {
            case '(', '[', '{' -> depths[sp]++;
            case ')', ']', '}' -> {
              if (--depths[sp] == 0) {
                if (sp == 0) {
                  return next;
                }
                sp--;
              }
            }
            case '"' -> {
              next = skipString(next, start);
              if (next < 0) {
                return -1;
              }
            }
            case '\'' -> {
              next = skipChar(next, start);
              if (next < 0) {
                return -1;
              }
            }
            case '@' -> {
              int after = at(next);
              int afterLen = len;
              if (after == '"') {
                next = skipVerbatim(next + afterLen, start);
                if (next < 0) {
                  return -1;
                }
              } else if (after == '$' && at(next + afterLen) == '"') {
                next = next + afterLen + len;
                push(INTERPOLATED_VERBATIM);
              }
            }
            case '$' -> {
              int after = at(next);
              int afterLen = len;
              if (after == '"') {
                next += afterLen;
                push(INTERPOLATED);
              } else if (after == '@' && at(next + afterLen) == '"') {
                next = next + afterLen + len;
                push(INTERPOLATED_VERBATIM);
              }
            }
            case '/' -> {
              int after = at(next);
              if (after == '/') {
                while (next < n && c[next] != '\n') {
                  next++;
                }
              } else if (after == '*') {
                int k = next + len;
                while (k + 1 < n && !(c[k] == '*' && c[k + 1] == '/')) {
                  k++;
                }
                if (k + 1 >= n) {
                  return fail(start, "expression holds a /* comment that is not closed");
                }
                next = k + 2;
              }
            }
            default -> {
              // any other char is part of the code
            }
          }
        } else {
          boolean verbatim = modes[sp] == INTERPOLATED_VERBATIM;
          switch (ch) {
            case '{' -> {
              if (at(next) == '{') {
                next += len;
              } else {
                push(CODE);
              }
            }
            case '}' -> {
              if (at(next) == '}') {
                next += len;
              }
            }
            case '"' -> {
              if (verbatim && at(next) == '"') {
                next += len;
              } else {
                sp--;
              }
            }
            case '\\' -> {
              if (!verbatim) {
                at(next);
                next += Math.max(len, 1);
              }
            }
            case '\n' -> {
              if (!verbatim) {
                return fail(start, "an interpolated string in this expression runs to the end of"
                    + " the line; close it with '\"'");
              }
            }
            default -> {
              // string content
            }
          }
        }
        i = next;
      }
    }

    /** Skips a regular string from after its opening quote; returns the index after it, or -1. */
    private int skipString(int from, int start) {
      int i = from;
      while (true) {
        int ch = at(i);
        if (ch < 0 || ch == '\n') {
          return fail(start, "a string literal in this expression runs to the end of the line;"
              + " close it with '\"'");
        }
        int next = i + len;
        if (ch == '"') {
          return next;
        }
        if (ch == '\\') {
          at(next);
          next += Math.max(len, 1);
        }
        i = next;
      }
    }

    private int skipChar(int from, int start) {
      int i = from;
      while (true) {
        int ch = at(i);
        if (ch < 0 || ch == '\n') {
          return fail(start, "a char literal in this expression is not closed; close it with \"'\"");
        }
        int next = i + len;
        if (ch == '\'') {
          return next;
        }
        if (ch == '\\') {
          at(next);
          next += Math.max(len, 1);
        }
        i = next;
      }
    }

    /** Skips a verbatim string ({@code ""} escapes a quote) from after its opening quote. */
    private int skipVerbatim(int from, int start) {
      int i = from;
      while (true) {
        int ch = at(i);
        if (ch < 0) {
          return fail(start, "a verbatim string @\"...\" in this expression is not closed");
        }
        int next = i + len;
        if (ch == '"') {
          if (at(next) == '"') {
            next += len;
          } else {
            return next;
          }
        }
        i = next;
      }
    }
  }
}
