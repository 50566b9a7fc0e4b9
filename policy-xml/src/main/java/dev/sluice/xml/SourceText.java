package dev.sluice.xml;

import dev.sluice.core.SourcePosition;
import java.util.Arrays;

/**
 * The text of one file with line breaks normalized to {@code \n} (as XML does), and a table of line
 * starts so that a char offset maps to {@code line:column} in O(log lines).
 *
 * <p>Normalizing {@code \r\n} and lone {@code \r} keeps every line and column as the author sees
 * them, since a carriage return only ever ends a line.
 */
final class SourceText {
  private final String file;
  private final String text;
  private final char[] chars;
  private final int[] lineStarts;
  private final int lineCount;
  /**
   * The line of the last position asked for. Positions are mostly asked for in document order, so
   * the next one is usually on this line or just after it. Makes this class not thread-safe; each
   * read has its own.
   */
  private int lastLine;

  private SourceText(String file, String text) {
    this.file = file;
    this.text = text;
    this.chars = text.toCharArray();
    int[] starts = new int[64];
    int count = 1;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = i + 1;
    }
    this.lineStarts = starts;
    this.lineCount = count;
  }

  /** Normalizes line breaks and indexes lines. */
  static SourceText of(String file, String raw) {
    return new SourceText(file, normalizeLineBreaks(raw));
  }

  static String normalizeLineBreaks(String raw) {
    int cr = raw.indexOf('\r');
    if (cr < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    out.append(raw, 0, cr);
    for (int i = cr; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\r') {
        out.append('\n');
        if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  String file() {
    return file;
  }

  String text() {
    return text;
  }

  /** The text as chars; shared, callers must not modify it. */
  char[] chars() {
    return chars;
  }

  int length() {
    return text.length();
  }

  /** The position of the char at {@code offset}; offsets past the end clamp to the end. */
  SourcePosition position(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int line = lastLine;
    if (clamped >= lineStarts[line]) {
      int stop = Math.min(lineCount, line + 8);
      while (line + 1 < stop && clamped >= lineStarts[line + 1]) {
        line++;
      }
      if (line + 1 == stop && stop < lineCount && clamped >= lineStarts[stop]) {
        line = lineOf(clamped);
      }
    } else {
      line = lineOf(clamped);
    }
    lastLine = line;
    return SourcePosition.of(file, line + 1, clamped - lineStarts[line] + 1);
  }

  private int lineOf(int offset) {
    int index = Arrays.binarySearch(lineStarts, 0, lineCount, offset);
    return index >= 0 ? index : -index - 2;
  }

  SourcePosition start() {
    return SourcePosition.of(file, 1, 1);
  }
}
