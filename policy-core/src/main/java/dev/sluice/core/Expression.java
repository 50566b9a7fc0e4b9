package dev.sluice.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A policy expression as written: {@code @(...)} (one C# expression) or {@code @{...}} (a block of
 * statements ending in {@code return}).
 *
 * <p>{@code text} is the whole original text including the {@code @(} / {@code @{} opener and the
 * closer, after XML decoding (so {@code &quot;} in the file is {@code "} here); {@code position} is
 * where the {@code @} stands in the file.
 */
public record Expression(Kind kind, String text, SourcePosition position) {

  /** The two forms of expression. */
  public enum Kind {
    /** {@code @(expression)}. */
    INLINE,
    /** {@code @{ statements }}. */
    BLOCK
  }

  public Expression {
    requireNonNull(kind, "kind");
    requireNonNull(text, "text");
    requireNonNull(position, "position");
    checkArgument(
        text.startsWith(kind == Kind.INLINE ? "@(" : "@{"), "expression text must start with its opener: %s", text);
  }

  /** The code between the delimiters, without {@code @(}/{@code )} or {@code @{}/{@code }}. */
  public String code() {
    return text.length() >= 3 ? text.substring(2, text.length() - 1) : "";
  }

  @Override
  public String toString() {
    return text;
  }
}
