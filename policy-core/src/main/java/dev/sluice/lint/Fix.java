package dev.sluice.lint;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.List;

/** A proposed change that resolves a finding: what it does, in words, and the edits. */
public record Fix(String description, List<TextEdit> edits) {
  public Fix {
    requireNonNull(description, "description");
    edits = List.copyOf(edits);
    checkArgument(!edits.isEmpty(), "a fix needs at least one edit");
  }

  public static Fix of(String description, TextEdit... edits) {
    return new Fix(description, List.of(edits));
  }
}
