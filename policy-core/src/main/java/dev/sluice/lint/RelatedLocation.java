package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.SourcePosition;

/**
 * Another place that explains a finding, with a short message: the inherited policy a {@code <base/>}
 * pulls in, the operation that inherits a node, the setting that makes a node buffer.
 */
public record RelatedLocation(SourcePosition position, String message) {
  public RelatedLocation {
    requireNonNull(position, "position");
    requireNonNull(message, "message");
  }

  public static RelatedLocation of(SourcePosition position, String message) {
    return new RelatedLocation(position, message);
  }
}
