package dev.sluice.xml;

import java.util.function.IntConsumer;

/** Decoding and escaping of XML character data and attribute values. */
final class XmlText {
  private XmlText() {}

  /**
   * The char a reference stands for: {@code c[from, to)} is the name between {@code &} and
   * {@code ;}. Only the five predefined entities and character references exist in policy files;
   * anything else gives -1.
   */
  static int referenceValue(char[] c, int from, int to) {
    int length = to - from;
    if (length <= 0) {
      return -1;
    }
    if (c[from] == '#') {
      return charReference(c, from + 1, to);
    }
    if (length == 2 && c[from + 1] == 't') {
      if (c[from] == 'l') {
        return '<';
      }
      if (c[from] == 'g') {
        return '>';
      }
      return -1;
    }
    if (length == 3 && c[from] == 'a' && c[from + 1] == 'm' && c[from + 2] == 'p') {
      return '&';
    }
    if (length == 4) {
      if (c[from] == 'q' && c[from + 1] == 'u' && c[from + 2] == 'o' && c[from + 3] == 't') {
        return '"';
      }
      if (c[from] == 'a' && c[from + 1] == 'p' && c[from + 2] == 'o' && c[from + 3] == 's') {
        return '\'';
      }
    }
    return -1;
  }

  private static int charReference(char[] c, int from, int to) {
    int radix = 10;
    int i = from;
    if (i < to && c[i] == 'x') {
      radix = 16;
      i++;
    }
    if (i >= to || to - i > 8) {
      return -1;
    }
    int value = 0;
    for (; i < to; i++) {
      int digit = Character.digit(c[i], radix);
      if (digit < 0) {
        return -1;
      }
      value = value * radix + digit;
    }
    return value <= Character.MAX_CODE_POINT ? value : -1;
  }

  /**
   * Decodes references in {@code c[from, to)}. An unknown {@code &name;} is kept as written and
   * reported to {@code unknown} with its offset. With {@code normalizeSpace}, literal tabs and line
   * breaks become spaces, as XML does for attribute values.
   */
  static String decode(char[] c, int from, int to, boolean normalizeSpace, IntConsumer unknown) {
    int amp = -1;
    for (int i = from; i < to; i++) {
      char ch = c[i];
      if (ch == '&' || (normalizeSpace && (ch == '\n' || ch == '\t'))) {
        amp = i;
        break;
      }
    }
    if (amp < 0) {
      return new String(c, from, to - from);
    }
    StringBuilder out = new StringBuilder(to - from);
    out.append(c, from, amp - from);
    int i = amp;
    while (i < to) {
      char ch = c[i];
      if (ch != '&' && !(normalizeSpace && (ch == '\n' || ch == '\t'))) {
        // Copy the run up to the next char that needs work in one go.
        int run = i + 1;
        while (run < to && c[run] != '&' && !(normalizeSpace && (c[run] == '\n' || c[run] == '\t'))) {
          run++;
        }
        out.append(c, i, run - i);
        i = run;
        continue;
      }
      if (ch == '&') {
        int semi = -1;
        for (int k = i + 1; k < to && k < i + 40; k++) {
          if (c[k] == ';') {
            semi = k;
            break;
          }
          if (!isNameChar(c[k])) {
            break;
          }
        }
        int value = semi < 0 ? -1 : referenceValue(c, i + 1, semi);
        if (value >= 0) {
          out.appendCodePoint(value);
          i = semi + 1;
          continue;
        }
        if (semi > i + 1) {
          unknown.accept(i);
        }
        out.append(ch);
      } else if (normalizeSpace && (ch == '\n' || ch == '\t')) {
        out.append(' ');
      } else {
        out.append(ch);
      }
      i++;
    }
    return out.toString();
  }

  private static boolean isNameChar(char ch) {
    if (ch < 0x80) {
      return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')
          || ch == '#' || ch == '_' || ch == '-' || ch == '.' || ch == ':';
    }
    return Character.isLetterOrDigit(ch);
  }

  /** Escapes text content: {@code &}, {@code <} and {@code >}. */
  static void escapeText(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(ch);
      }
    }
  }

  /**
   * Escapes a double-quoted attribute value, writing tabs and line breaks as references so they
   * survive attribute-value normalization.
   */
  static void escapeAttribute(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        case '\t' -> out.append("&#9;");
        case '\r' -> out.append("&#13;");
        default -> out.append(ch);
      }
    }
  }
}
