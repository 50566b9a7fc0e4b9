package dev.sluice.core.expr;

import java.util.ArrayList;
import java.util.List;

/** A JSON array. */
final class JArray extends JToken {
  final List<JToken> items = new ArrayList<>();

  @Override
  String type() {
    return "Array";
  }

  @Override
  JToken deepClone() {
    JArray copy = new JArray();
    for (JToken item : items) {
      copy.add(item.deepClone());
    }
    return copy;
  }

  void add(JToken value) {
    JToken token = JToken.adopt(value == null ? new JValue(null) : value);
    token.parent = this;
    items.add(token);
  }

  @Override
  JToken get(Object key) {
    int index = index(key);
    if (index < 0 || index >= items.size()) {
      throw new ScriptException(
          "ArgumentOutOfRangeException", "Index was out of range. Must be non-negative and less than the size of the collection.");
    }
    return items.get(index);
  }

  @Override
  void set(Object key, JToken value) {
    int index = index(key);
    if (index < 0 || index >= items.size()) {
      throw new ScriptException(
          "ArgumentOutOfRangeException", "Index was out of range. Must be non-negative and less than the size of the collection.");
    }
    JToken token = JToken.adopt(value == null ? new JValue(null) : value);
    items.get(index).parent = null;
    token.parent = this;
    items.set(index, token);
  }

  private static int index(Object key) {
    if (key instanceof Integer || key instanceof Long) {
      return ((Number) key).intValue();
    }
    throw new ScriptException(
        "ArgumentException", "Accessed JArray values with invalid key value: " + Values.toText(key) + ". Int32 array index expected.");
  }

  @Override
  List<JToken> children() {
    return new ArrayList<>(items);
  }

  @Override
  void write(StringBuilder out, boolean indented, int level, Frame frame) {
    if (frame != null) {
      frame.tick();
      frame.length(out.length());
    }
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      JToken.indent(out, indented, level + 1);
      items.get(i).write(out, indented, level + 1, frame);
    }
    JToken.indent(out, indented, level);
    out.append(']');
  }
}
