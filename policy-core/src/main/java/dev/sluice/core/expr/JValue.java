package dev.sluice.core.expr;

import java.util.Objects;

/** A JSON primitive: {@link String}, {@link Long}, {@link Double}, {@link Boolean} or null. */
final class JValue extends JToken {
  final Object value;

  JValue(Object value) {
    this.value = value instanceof Integer i ? Long.valueOf(i) : value;
  }

  @Override
  String type() {
    if (value == null) {
      return "Null";
    }
    if (value instanceof String) {
      return "String";
    }
    if (value instanceof Boolean) {
      return "Boolean";
    }
    return value instanceof Double ? "Float" : "Integer";
  }

  @Override
  JToken deepClone() {
    return new JValue(value);
  }

  @Override
  void write(StringBuilder out, boolean indented, int level, Frame frame) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      JsonText.quote(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Double d) {
      String text = Values.formatDouble(d);
      out.append(text);
      if (!Double.isNaN(d) && !Double.isInfinite(d) && text.indexOf('.') < 0 && text.indexOf('E') < 0) {
        out.append(".0");
      }
    } else {
      out.append(value);
    }
  }

  /** Newtonsoft's {@code JValue.ToString()}: the raw value, not JSON. */
  @Override
  public String toString() {
    return Values.toText(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof JValue v && Values.valueEquals(value, v.value);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value instanceof Number n ? n.doubleValue() : value);
  }
}
