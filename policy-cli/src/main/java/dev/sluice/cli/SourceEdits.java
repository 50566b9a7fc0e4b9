package dev.sluice.cli;

import static com.google.common.base.Preconditions.checkArgument;

import dev.sluice.core.SourcePosition;
import dev.sluice.lint.TextEdit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Edits applied to a file's text at exact places, everything else kept byte for byte (line breaks,
 * indentation, comments), and the unified diff of two texts.
 *
 * <p>Positions follow the reader: lines end at {@code \n}, {@code \r\n} or a lone {@code \r};
 * columns count UTF-16 code units from 1; a leading byte-order mark is not part of line 1.
 */
final class SourceEdits {

  /** Above this many line pairs the diff gives up finding common lines inside the changed span. */
  private static final long MAX_DIFF_CELLS = 16_000_000L;

  private static final int CONTEXT = 3;

  private SourceEdits() {}

  /** The char offset of {@code position} in {@code text}, clamped to the end of its line. */
  static int offset(String text, SourcePosition position) {
    int at = text.startsWith("\uFEFF") ? 1 : 0;
    for (int line = 1; line < position.line(); line++) {
      int lf = text.indexOf('\n', at);
      int cr = text.indexOf('\r', at);
      if (lf < 0 && cr < 0) {
        throw new IllegalArgumentException("no line " + position.line() + ": " + position);
      }
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        at = cr + 1 < text.length() && text.charAt(cr + 1) == '\n' ? cr + 2 : cr + 1;
      } else {
        at = lf + 1;
      }
    }
    int end = at;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    checkArgument(at + position.column() - 1 <= end, "no column %s on line %s: %s",
        position.column(), position.line(), position);
    return at + position.column() - 1;
  }

  /**
   * {@code text} with {@code edits} applied; edits must not overlap (two insertions at one place are
   * applied in the given order).
   */
  static String apply(String text, List<TextEdit> edits) {
    record Located(int start, int end, int order, String replacement) {}
    List<Located> located = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      TextEdit edit = edits.get(i);
      located.add(
          new Located(offset(text, edit.start()), offset(text, edit.end()), i, edit.replacement()));
    }
    located.sort(Comparator.comparingInt(Located::start).thenComparingInt(Located::order));
    StringBuilder out = new StringBuilder(text.length() + 64);
    int copied = 0;
    for (Located edit : located) {
      checkArgument(edit.start() >= copied, "overlapping edits at offset %s", edit.start());
      out.append(text, copied, edit.start()).append(edit.replacement());
      copied = edit.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * The unified diff ({@code diff -u}, 3 lines of context) from {@code before} to {@code after},
   * with {@code a/name} and {@code b/name} headers as git writes them; empty when they are equal.
   */
  static String unifiedDiff(String name, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<int[]> script = script(a, b); // {kind, aIndex, bIndex}: 0 same, 1 removed, 2 added
    StringBuilder out = new StringBuilder();
    out.append("--- a/").append(name).append('\n').append("+++ b/").append(name).append('\n');
    int i = 0;
    while (i < script.size()) {
      if (script.get(i)[0] == 0) {
        i++;
        continue;
      }
      // One hunk holds changes separated by at most two contexts of unchanged lines.
      int last = i;
      for (int j = i + 1; j < script.size(); j++) {
        if (script.get(j)[0] != 0) {
          last = j;
        } else if (j - last > 2 * CONTEXT) {
          break;
        }
      }
      int from = Math.max(0, i - CONTEXT);
      int to = Math.min(script.size(), last + CONTEXT + 1);
      appendHunk(out, script.subList(from, to), a, b);
      i = to;
    }
    return out.toString();
  }

  private static void appendHunk(StringBuilder out, List<int[]> hunk, List<String> a, List<String> b) {
    int aStart = -1;
    int bStart = -1;
    int aCount = 0;
    int bCount = 0;
    for (int[] step : hunk) {
      if (step[0] != 2) {
        aStart = aStart < 0 ? step[1] : aStart;
        aCount++;
      }
      if (step[0] != 1) {
        bStart = bStart < 0 ? step[2] : bStart;
        bCount++;
      }
    }
    out.append("@@ -").append(range(aStart, aCount, hunk.get(0)[1]))
        .append(" +").append(range(bStart, bCount, hunk.get(0)[2])).append(" @@\n");
    for (int[] step : hunk) {
      String line = step[0] == 2 ? b.get(step[2]) : a.get(step[1]);
      out.append(step[0] == 0 ? ' ' : step[0] == 1 ? '-' : '+');
      if (line.endsWith("\n")) {
        out.append(line);
      } else {
        out.append(line).append("\n\\ No newline at end of file\n");
      }
    }
  }

  private static String range(int start, int count, int fallback) {
    int first = count == 0 ? fallback : start + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  /** Lines with their terminators ({@code \n}; a {@code \r} before it stays part of the line). */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', start)) {
      lines.add(text.substring(start, lf + 1));
      start = lf + 1;
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  /** A shortest edit script: common prefix and suffix, a longest common subsequence between. */
  private static List<int[]> script(List<String> a, List<String> b) {
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    List<int[]> steps = new ArrayList<>();
    for (int k = 0; k < prefix; k++) {
      steps.add(new int[] {0, k, k});
    }
    int n = a.size() - prefix - suffix;
    int m = b.size() - prefix - suffix;
    if ((long) n * m > MAX_DIFF_CELLS) {
      for (int k = 0; k < n; k++) {
        steps.add(new int[] {1, prefix + k, prefix});
      }
      for (int k = 0; k < m; k++) {
        steps.add(new int[] {2, prefix + n, prefix + k});
      }
    } else {
      int[][] lcs = new int[n + 1][m + 1];
      for (int x = n - 1; x >= 0; x--) {
        for (int y = m - 1; y >= 0; y--) {
          lcs[x][y] =
              a.get(prefix + x).equals(b.get(prefix + y))
                  ? lcs[x + 1][y + 1] + 1
                  : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
        }
      }
      int x = 0;
      int y = 0;
      while (x < n || y < m) {
        if (x < n && y < m && a.get(prefix + x).equals(b.get(prefix + y))) {
          steps.add(new int[] {0, prefix + x++, prefix + y++});
        } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
          steps.add(new int[] {1, prefix + x++, prefix + y});
        } else {
          steps.add(new int[] {2, prefix + x, prefix + y++});
        }
      }
    }
    for (int k = 0; k < suffix; k++) {
      steps.add(new int[] {0, a.size() - suffix + k, b.size() - suffix + k});
    }
    return steps;
  }
}
