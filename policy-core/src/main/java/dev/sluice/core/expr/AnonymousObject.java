package dev.sluice.core.expr;

import java.util.LinkedHashMap;
import java.util.Map;

/** A value of an anonymous type, {@code new { a = 1 }}: members in declaration order. */
record AnonymousObject(Map<String, Object> members) {
  AnonymousObject {
    members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("{ ");
    boolean first = true;
    for (Map.Entry<String, Object> e : members.entrySet()) {
      s.append(first ? "" : ", ").append(e.getKey()).append(" = ").append(Values.toText(e.getValue()));
      first = false;
    }
    return s.append(" }").toString();
  }
}
