package dev.sluice.core.expr;

/** A name and its value inside a {@link JObject}. */
final class JProperty extends JToken {
  final String name;
  JToken value;

  JProperty(String name, JToken value) {
    this.name = name;
    this.value = JToken.adopt(value);
    this.value.parent = this;
  }

  void setValue(JToken newValue) {
    value.parent = null;
    value = JToken.adopt(newValue);
    value.parent = this;
  }

  @Override
  String type() {
    return "Property";
  }

  @Override
  JToken deepClone() {
    return new JProperty(name, value.deepClone());
  }

  @Override
  void remove() {
    if (parent instanceof JObject object) {
      object.remove(name);
    } else {
      throw new ScriptException("InvalidOperationException", "The parent is missing.");
    }
  }

  @Override
  java.util.List<JToken> children() {
    return java.util.List.of(value);
  }

  @Override
  void write(StringBuilder out, boolean indented, int level, Frame frame) {
    JsonText.quote(name, out);
    out.append(indented ? ": " : ":");
    value.write(out, indented, level, frame);
  }
}
