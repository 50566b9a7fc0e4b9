package dev.sluice.xml;

import java.util.Arrays;

/**
 * Finds attribute names and values in a start tag of the masked text, which the parser has already
 * checked (so it is well-formed) and in which no expression holds a quote any more.
 */
final class StartTags {
  private StartTags() {}

  /**
   * Offsets of the attributes of one start tag: attribute {@code k} is {@code values[4k ..
   * 4k+3]} = nameStart, nameEnd, valueStart, valueEnd (the value without its quotes). Reused from
   * tag to tag; not thread-safe.
   */
  static final class Spans {
    int[] values = new int[16];
    int count;

    private void add(int nameStart, int nameEnd, int valueStart, int valueEnd) {
      int at = 4 * count;
      if (at + 4 > values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[at] = nameStart;
      values[at + 1] = nameEnd;
      values[at + 2] = valueStart;
      values[at + 3] = valueEnd;
      count++;
    }
  }

  /**
   * Fills {@code spans} with the attributes of the start tag whose {@code <} is at {@code lt}, in
   * document order.
   */
  static void attributes(char[] c, int lt, Spans spans) {
    spans.count = 0;
    int n = c.length;
    int j = lt + 1;
    while (j < n && !ExpressionMasker.isXmlSpace(c[j]) && c[j] != '/' && c[j] != '>') {
      j++;
    }
    while (true) {
      while (j < n && ExpressionMasker.isXmlSpace(c[j])) {
        j++;
      }
      if (j >= n || c[j] == '>' || c[j] == '/' || c[j] == '<') {
        return;
      }
      int nameStart = j;
      while (j < n && !ExpressionMasker.isXmlSpace(c[j]) && c[j] != '=' && c[j] != '>') {
        j++;
      }
      int nameEnd = j;
      while (j < n && ExpressionMasker.isXmlSpace(c[j])) {
        j++;
      }
      if (j >= n || c[j] != '=') {
        return;
      }
      j++;
      while (j < n && ExpressionMasker.isXmlSpace(c[j])) {
        j++;
      }
      if (j >= n || (c[j] != '"' && c[j] != '\'')) {
        return;
      }
      char quote = c[j];
      int valueStart = j + 1;
      int valueEnd = valueStart;
      while (valueEnd < n && c[valueEnd] != quote) {
        valueEnd++;
      }
      spans.add(nameStart, nameEnd, valueStart, valueEnd);
      j = valueEnd + 1;
    }
  }
}
