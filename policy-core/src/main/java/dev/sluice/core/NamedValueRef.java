package dev.sluice.core;

import static java.util.Objects.requireNonNull;

/** A reference to a named value, {@code {{name}}}, inside an attribute value or text. */
public record NamedValueRef(String name, SourcePosition position) {
  public NamedValueRef {
    requireNonNull(name, "name");
    requireNonNull(position, "position");
  }
}
