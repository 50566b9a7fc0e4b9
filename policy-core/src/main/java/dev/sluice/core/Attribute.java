package dev.sluice.core;

import static java.util.Objects.requireNonNull;

/** One attribute of a policy element; {@code position} is where its name starts. */
public record Attribute(String name, PolicyValue value, SourcePosition position) {
  public Attribute {
    requireNonNull(name, "name");
    requireNonNull(value, "value");
    requireNonNull(position, "position");
  }

  /** The attribute's text as written (after XML decoding). */
  public String text() {
    return value.text();
  }
}
