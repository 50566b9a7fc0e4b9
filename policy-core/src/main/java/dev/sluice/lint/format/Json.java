package dev.sluice.lint.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of {@link Map} (insertion-ordered), {@link List}, {@link String}, {@link Number},
 * {@link Boolean} and {@code null} as pretty-printed JSON with two-space indentation and a final
 * newline, so output is stable byte for byte.
 */
final class Json {

  private Json() {}

  /** An insertion-ordered object under construction. */
  static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  static List<Object> array() {
    return new ArrayList<>();
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, 0, out);
    return out.append('\n').toString();
  }

  private static void write(Object value, int indent, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      quote(text, out);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        indent(indent + 1, out);
        quote((String) entry.getKey(), out);
        out.append(": ");
        write(entry.getValue(), indent + 1, out);
        out.append(++i < map.size() ? ",\n" : "\n");
      }
      indent(indent, out);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      for (int i = 0; i < list.size(); i++) {
        indent(indent + 1, out);
        write(list.get(i), indent + 1, out);
        out.append(i + 1 < list.size() ? ",\n" : "\n");
      }
      indent(indent, out);
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static void indent(int level, StringBuilder out) {
    out.append("  ".repeat(level));
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
