package dev.sluice.core;

import static java.util.Objects.requireNonNull;

/**
 * An XML comment, its text without {@code <!--}/{@code -->}. Comments carry meaning in Sluice:
 * suppressions ({@code sluice-disable}), stream marks ({@code sluice:sse}) and test expectations.
 */
public record Comment(String text, SourcePosition position) {
  public Comment {
    requireNonNull(text, "text");
    requireNonNull(position, "position");
  }
}
