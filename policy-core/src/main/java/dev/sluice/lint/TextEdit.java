package dev.sluice.lint;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.sluice.core.SourcePosition;

/**
 * Replace the text from {@code start} (inclusive) to {@code end} (exclusive) of one file with {@code
 * replacement}. {@code start.equals(end)} inserts; an empty replacement deletes.
 */
public record TextEdit(SourcePosition start, SourcePosition end, String replacement) {
  public TextEdit {
    requireNonNull(start, "start");
    requireNonNull(end, "end");
    requireNonNull(replacement, "replacement");
    checkArgument(start.file().equals(end.file()), "an edit stays in one file: %s, %s", start, end);
    checkArgument(start.compareTo(end) <= 0, "edit ends before it starts: %s > %s", start, end);
  }

  /** Inserts {@code text} at {@code position}. */
  public static TextEdit insert(SourcePosition position, String text) {
    return new TextEdit(position, position, text);
  }
}
