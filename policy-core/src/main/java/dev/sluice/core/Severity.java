package dev.sluice.core;

import java.util.Locale;

/** How serious a diagnostic or finding is. Ordered from most to least serious. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case label used in text output: {@code error}, {@code warning}, {@code info}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this severity is at least as serious as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }
}
