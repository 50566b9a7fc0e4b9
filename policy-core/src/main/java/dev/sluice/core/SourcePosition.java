package dev.sluice.core;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

/**
 * A place in a source file: the file name as given by the caller, a 1-based line and a 1-based
 * column (counted in UTF-16 code units, tabs count as one).
 *
 * <p>Every node, attribute, expression, diagnostic and finding carries one. {@link #toString()}
 * gives the conventional {@code file:line:col} form.
 */
public record SourcePosition(String file, int line, int column) implements Comparable<SourcePosition> {

  /** A position for values that have no source, such as graphs built in code. */
  public static final SourcePosition UNKNOWN = new SourcePosition("<unknown>", 1, 1);

  public SourcePosition {
    requireNonNull(file, "file");
    checkArgument(line >= 1, "line must be >= 1: %s", line);
    checkArgument(column >= 1, "column must be >= 1: %s", column);
  }

  public static SourcePosition of(String file, int line, int column) {
    return new SourcePosition(file, line, column);
  }

  /** The same file, another place in it. */
  public SourcePosition at(int otherLine, int otherColumn) {
    return new SourcePosition(file, otherLine, otherColumn);
  }

  @Override
  public int compareTo(SourcePosition other) {
    int byFile = file.compareTo(other.file);
    if (byFile != 0) {
      return byFile;
    }
    int byLine = Integer.compare(line, other.line);
    return byLine != 0 ? byLine : Integer.compare(column, other.column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
