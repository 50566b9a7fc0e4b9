package dev.sluice.lint.format;

/** Counted nouns for summary lines. */
final class Plural {
  private Plural() {}

  static String of(int count, String singular, String plural) {
    return count + " " + (count == 1 ? singular : plural);
  }
}
