package dev.sluice.xml;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds attribute names and values in a start tag of the masked text, which the parser has already
 * checked (so it is well-formed) and in which no expression holds a quote any more.
 */
final class StartTags {
  private StartTags() {}

  /**
   * The attributes of the start tag whose {@code <} is at {@code lt}, in document order, each as
   * {nameStart, nameEnd, valueStart, valueEnd} (the value without its quotes).
   */
  static List<int[]> attributes(char[] c, int lt) {
    int n = c.length;
    int j = lt + 1;
    while (j < n && !ExpressionMasker.isXmlSpace(c[j]) && c[j] != '/' && c[j] != '>') {
      j++;
    }
    List<int[]> spans = List.of();
    while (true) {
      while (j < n && ExpressionMasker.isXmlSpace(c[j])) {
        j++;
      }
      if (j >= n || c[j] == '>' || c[j] == '/' || c[j] == '<') {
        return spans;
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
        return spans;
      }
      j++;
      while (j < n && ExpressionMasker.isXmlSpace(c[j])) {
        j++;
      }
      if (j >= n || (c[j] != '"' && c[j] != '\'')) {
        return spans;
      }
      char quote = c[j];
      int valueStart = j + 1;
      int valueEnd = valueStart;
      while (valueEnd < n && c[valueEnd] != quote) {
        valueEnd++;
      }
      if (spans.isEmpty()) {
        spans = new ArrayList<>(4);
      }
      spans.add(new int[] {nameStart, nameEnd, valueStart, valueEnd});
      j = valueEnd + 1;
    }
  }
}
