package dev.sluice.core.expr;

import java.util.ArrayList;
import java.util.List;

/** Reading JSON text into {@link JToken}s, quoting strings, and JSONPath selection. */
final class JsonText {
  private static final int MAX_DEPTH = 256;

  private final String text;
  private final Frame frame;
  private int pos;
  private int line = 1;
  private int lineStart;

  private JsonText(String text, Frame frame) {
    this.text = text;
    this.frame = frame;
  }

  /** Parses one JSON value; fails with a {@code JsonReaderException} as Newtonsoft would. */
  static JToken parse(String text, Frame frame) {
    if (text == null) {
      throw new ScriptException("ArgumentNullException", "Value cannot be null. (Parameter 'json')");
    }
    JsonText reader = new JsonText(text, frame);
    reader.skipWhitespace();
    if (reader.pos >= text.length()) {
      throw reader.error("Error reading JToken from JsonReader.");
    }
    JToken token = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos < text.length()) {
      throw reader.error("Additional text encountered after finished reading JSON content: " + text.charAt(reader.pos) + ".");
    }
    return token;
  }

  private ScriptException error(String message) {
    return new ScriptException(
        "JsonReaderException", message + " Path '', line " + line + ", position " + (pos - lineStart) + ".");
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        lineStart = pos + 1;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
        int close = text.indexOf("*/", pos + 2);
        pos = close < 0 ? text.length() : close + 2;
      } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '/') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private JToken value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("The reader's MaxDepth of " + MAX_DEPTH + " has been exceeded.");
    }
    if (frame != null) {
      frame.tick();
    }
    skipWhitespace();
    if (pos >= text.length()) {
      throw error("Unexpected end of content while loading JToken.");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        {
          pos++;
          JObject object = new JObject();
          skipWhitespace();
          if (peekIs('}')) {
            pos++;
            return object;
          }
          while (true) {
            skipWhitespace();
            if (pos >= text.length()) {
              throw error("Unexpected end of content while loading JObject.");
            }
            char q = text.charAt(pos);
            String name;
            if (q == '"' || q == '\'') {
              name = string(q);
            } else {
              int start = pos;
              while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
                pos++;
              }
              if (start == pos) {
                throw error("Invalid property identifier character: " + q + ".");
              }
              name = text.substring(start, pos);
            }
            skipWhitespace();
            if (!peekIs(':')) {
              throw error("Invalid character after parsing property name. Expected ':'.");
            }
            pos++;
            object.put(name, value(depth + 1));
            skipWhitespace();
            if (peekIs(',')) {
              pos++;
              skipWhitespace();
              if (peekIs('}')) {
                pos++;
                return object;
              }
            } else if (peekIs('}')) {
              pos++;
              return object;
            } else {
              throw error("After parsing a value an unexpected character was encountered: " + (pos < text.length() ? text.charAt(pos) : ' ') + ".");
            }
          }
        }
      case '[':
        {
          pos++;
          JArray array = new JArray();
          skipWhitespace();
          if (peekIs(']')) {
            pos++;
            return array;
          }
          while (true) {
            array.add(value(depth + 1));
            skipWhitespace();
            if (peekIs(',')) {
              pos++;
              skipWhitespace();
              if (peekIs(']')) {
                pos++;
                return array;
              }
            } else if (peekIs(']')) {
              pos++;
              return array;
            } else {
              throw error("After parsing a value an unexpected character was encountered: " + (pos < text.length() ? text.charAt(pos) : ' ') + ".");
            }
          }
        }
      case '"':
      case '\'':
        return new JValue(string(c));
      default:
        if (c == '-' || Character.isDigit(c)) {
          return number();
        }
        if (text.startsWith("true", pos)) {
          pos += 4;
          return new JValue(Boolean.TRUE);
        }
        if (text.startsWith("false", pos)) {
          pos += 5;
          return new JValue(Boolean.FALSE);
        }
        if (text.startsWith("null", pos)) {
          pos += 4;
          return new JValue(null);
        }
        throw error("Unexpected character encountered while parsing value: " + c + ".");
    }
  }

  private boolean peekIs(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private String string(char quote) {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("Unterminated string. Expected delimiter: " + quote + ".");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("Unterminated string. Expected delimiter: " + quote + ".");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case '/', '\\', '"', '\'' -> out.append(e);
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("Unexpected end while parsing Unicode escape sequence.");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) {
              throw error("Invalid Unicode escape sequence.");
            }
            code = code * 16 + d;
          }
          out.append((char) code);
        }
        default -> throw error("Bad JSON escape sequence: \\" + e + ".");
      }
    }
  }

  private JToken number() {
    int start = pos;
    if (peekIs('-')) {
      pos++;
    }
    boolean real = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c)) {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E'))) {
        real = true;
        pos++;
      } else {
        break;
      }
    }
    String digits = text.substring(start, pos);
    try {
      if (!real) {
        try {
          return new JValue(Long.parseLong(digits));
        } catch (NumberFormatException e) {
          return new JValue(Double.parseDouble(digits));
        }
      }
      return new JValue(Double.parseDouble(digits));
    } catch (NumberFormatException e) {
      throw error("Input string '" + digits + "' is not a valid number.");
    }
  }

  /** Appends {@code s} as a JSON string, escaping like Newtonsoft's default. */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u0085' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** The tokens a JSONPath selects: {@code $}, {@code .name}, {@code ['name']}, {@code [n]}, {@code [*]}, {@code .*}. */
  static List<JToken> select(JToken root, String path) {
    List<JToken> current = new ArrayList<>();
    current.add(root);
    int i = 0;
    int n = path.length();
    if (i < n && path.charAt(i) == '$') {
      i++;
    }
    boolean first = true;
    while (i < n) {
      char c = path.charAt(i);
      Object key;
      if (c == '.' || first && c != '[') {
        if (c == '.') {
          i++;
        }
        int start = i;
        while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
          i++;
        }
        String name = path.substring(start, i);
        if (name.isEmpty()) {
          throw new ScriptException("JsonException", "Unexpected character while parsing path: " + path);
        }
        key = name.equals("*") ? WILDCARD : name;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0) {
          throw new ScriptException("JsonException", "Path ended with open indexer: " + path);
        }
        String inner = path.substring(i + 1, close).trim();
        i = close + 1;
        if (inner.equals("*")) {
          key = WILDCARD;
        } else if (inner.length() >= 2 && (inner.charAt(0) == '\'' || inner.charAt(0) == '"')) {
          key = inner.substring(1, inner.length() - 1);
        } else {
          try {
            key = Integer.parseInt(inner);
          } catch (NumberFormatException e) {
            throw new ScriptException("JsonException", "Unexpected character while parsing path indexer: " + inner);
          }
        }
      } else {
        throw new ScriptException("JsonException", "Unexpected character while parsing path: " + c);
      }
      first = false;
      List<JToken> next = new ArrayList<>();
      for (JToken token : current) {
        if (key == WILDCARD) {
          if (token instanceof JObject o) {
            for (JProperty p : o.properties.values()) {
              next.add(p.value);
            }
          } else if (token instanceof JArray a) {
            next.addAll(a.items);
          }
        } else if (key instanceof String name && token instanceof JObject o) {
          JToken child = o.get(name);
          if (child != null) {
            next.add(child);
          }
        } else if (key instanceof Integer index && token instanceof JArray a) {
          if (index >= 0 && index < a.items.size()) {
            next.add(a.items.get(index));
          }
        }
      }
      current = next;
    }
    return current;
  }

  private static final Object WILDCARD = new Object();
}
