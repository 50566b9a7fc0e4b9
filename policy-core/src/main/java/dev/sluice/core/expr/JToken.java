package dev.sluice.core.expr;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A node of the JSON tree expressions work on, shaped after Newtonsoft's LINQ to JSON (JObject,
 * JArray, JProperty, JValue) so that policies written for APIM behave the same: property order is
 * kept, a token has at most one parent (adding a parented token adds a copy), and {@code
 * ToString()} writes indented JSON.
 */
abstract class JToken {
  JToken parent;

  /** Newtonsoft's {@code JTokenType} name. */
  abstract String type();

  abstract JToken deepClone();

  abstract void write(StringBuilder out, boolean indented, int level, Frame frame);

  /** The child at {@code key} (property name or index), or null. */
  JToken get(Object key) {
    throw new ScriptException(
        "InvalidOperationException", "Cannot access child value on " + Values.jsonTypeName(this) + ".");
  }

  void set(Object key, JToken value) {
    throw new ScriptException(
        "InvalidOperationException", "Cannot set child value on " + Values.jsonTypeName(this) + ".");
  }

  List<JToken> children() {
    return List.of();
  }

  /** Removes this token from its parent. */
  void remove() {
    if (parent == null) {
      throw new ScriptException("InvalidOperationException", "The parent is missing.");
    }
    if (parent instanceof JProperty property) {
      property.remove();
    } else if (parent instanceof JArray array) {
      array.items.remove(this);
      parent = null;
    } else if (parent instanceof JObject) {
      throw new ScriptException("InvalidOperationException", "Cannot remove a property value directly.");
    }
  }

  String toJson(boolean indented, Frame frame) {
    StringBuilder out = new StringBuilder();
    write(out, indented, 0, frame);
    return frame == null ? out.toString() : frame.text(out.toString());
  }

  @Override
  public String toString() {
    return toJson(true, null);
  }

  /** A token not yet in any tree: the token itself if parentless, otherwise a deep copy. */
  static JToken adopt(JToken token) {
    return token.parent == null ? token : token.deepClone();
  }

  /** Newtonsoft's implicit conversions and {@code JToken.FromObject} for the values we model. */
  static JToken from(Object value) {
    if (value instanceof JToken token) {
      return token;
    }
    if (value == null) {
      return new JValue(null);
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Double) {
      return new JValue(value);
    }
    if (value instanceof Float f) {
      return new JValue(f.doubleValue());
    }
    if (value instanceof Number n) {
      return new JValue(n.longValue());
    }
    if (value instanceof Character || value instanceof UUID) {
      return new JValue(value.toString());
    }
    if (value instanceof LocalDateTime date) {
      return new JValue(Values.formatDate(date, "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"));
    }
    if (value instanceof Duration duration) {
      return new JValue(Values.formatTimeSpan(duration));
    }
    if (value instanceof CsEnum e) {
      return new JValue((long) e.value());
    }
    if (value instanceof List<?> list) {
      JArray array = new JArray();
      for (Object item : list) {
        array.add(from(item));
      }
      return array;
    }
    if (value instanceof byte[] bytes) {
      return new JValue(java.util.Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof AnonymousObject anonymous) {
      JObject object = new JObject();
      for (Map.Entry<String, Object> e : anonymous.members().entrySet()) {
        object.put(e.getKey(), from(e.getValue()));
      }
      return object;
    }
    if (value instanceof Map.Entry<?, ?> entry) {
      JObject object = new JObject();
      object.put("Key", from(entry.getKey()));
      object.put("Value", from(entry.getValue()));
      return object;
    }
    throw new ScriptException(
        "JsonSerializationException", "Cannot convert a value of type " + Values.typeName(value) + " to JSON.");
  }

  static void indent(StringBuilder out, boolean indented, int level) {
    if (indented) {
      out.append('\n');
      for (int i = 0; i < level; i++) {
        out.append("  ");
      }
    }
  }

  static List<JToken> copyOf(List<JToken> tokens) {
    return new ArrayList<>(tokens);
  }
}
