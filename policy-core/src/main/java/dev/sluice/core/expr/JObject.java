package dev.sluice.core.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A JSON object: properties in insertion order, names case-sensitive. */
final class JObject extends JToken {
  final Map<String, JProperty> properties = new LinkedHashMap<>();

  @Override
  String type() {
    return "Object";
  }

  @Override
  JToken deepClone() {
    JObject copy = new JObject();
    for (JProperty p : properties.values()) {
      copy.put(p.name, p.value.deepClone());
    }
    return copy;
  }

  @Override
  JToken get(Object key) {
    if (!(key instanceof String name)) {
      throw new ScriptException(
          "ArgumentException", "Accessed JObject values with invalid key value: " + Values.toText(key) + ". Object property name expected.");
    }
    JProperty property = properties.get(name);
    return property == null ? null : property.value;
  }

  @Override
  void set(Object key, JToken value) {
    if (!(key instanceof String name)) {
      throw new ScriptException("ArgumentException", "Set JObject values with invalid key value. Object property name expected.");
    }
    put(name, value);
  }

  /** Sets or replaces a property, keeping its place. */
  void put(String name, JToken value) {
    JToken token = value == null ? new JValue(null) : value;
    JProperty existing = properties.get(name);
    if (existing != null) {
      existing.setValue(token);
    } else {
      JProperty property = new JProperty(name, token);
      property.parent = this;
      properties.put(name, property);
    }
  }

  /** {@code Add(name, value)}: fails when the name exists, like Newtonsoft. */
  void add(String name, JToken value) {
    if (properties.containsKey(name)) {
      throw new ScriptException(
          "ArgumentException",
          "Can not add property " + name + " to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.");
    }
    put(name, value);
  }

  void add(JProperty property) {
    JProperty adopted = (JProperty) JToken.adopt(property);
    if (properties.containsKey(adopted.name)) {
      throw new ScriptException(
          "ArgumentException",
          "Can not add property " + adopted.name + " to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.");
    }
    adopted.parent = this;
    properties.put(adopted.name, adopted);
  }

  boolean remove(String name) {
    JProperty removed = properties.remove(name);
    if (removed != null) {
      removed.parent = null;
    }
    return removed != null;
  }

  List<JToken> propertyList() {
    return new ArrayList<>(properties.values());
  }

  @Override
  List<JToken> children() {
    return propertyList();
  }

  @Override
  void write(StringBuilder out, boolean indented, int level, Frame frame) {
    if (frame != null) {
      frame.tick();
      frame.length(out.length());
    }
    if (properties.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    boolean first = true;
    for (JProperty p : properties.values()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      JToken.indent(out, indented, level + 1);
      p.write(out, indented, level + 1, frame);
    }
    JToken.indent(out, indented, level);
    out.append('}');
  }
}
