package dev.sluice.lint.format;

/** Escaping for the XML report formats; characters XML 1.0 cannot hold become U+FFFD. */
final class Xml {

  static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  private Xml() {}

  /** Escapes an attribute value (double-quoted); line breaks and tabs survive as references. */
  static String attribute(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append("&#9;");
        default -> i = appendChecked(text, i, out);
      }
    }
    return out.toString();
  }

  /** Escapes element text. */
  static String text(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\n', '\r', '\t' -> out.append(c);
        default -> i = appendChecked(text, i, out);
      }
    }
    return out.toString();
  }

  /** Appends the character (or surrogate pair) at {@code i}; returns the index of its last char. */
  private static int appendChecked(String text, int i, StringBuilder out) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1))) {
      out.append(c).append(text.charAt(i + 1));
      return i + 1;
    }
    boolean legal = c >= 0x20 && !Character.isSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';
    out.append(legal ? c : '\uFFFD');
    return i;
  }
}
