package dev.sluice.lint;

import dev.sluice.core.Severity;
import java.util.Locale;
import java.util.Optional;

/** How a configuration sets a rule: one of the severities, or {@code off}. */
public enum RuleLevel {
  ERROR(Severity.ERROR),
  WARNING(Severity.WARNING),
  INFO(Severity.INFO),
  OFF(null);

  private final Severity severity;

  RuleLevel(Severity severity) {
    this.severity = severity;
  }

  /** The severity findings get, empty for {@code off}. */
  public Optional<Severity> severity() {
    return Optional.ofNullable(severity);
  }

  /** The lower-case name used in configuration files: {@code error}, ..., {@code off}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code error|warning|info|off}, case-insensitively. */
  public static Optional<RuleLevel> parse(String text) {
    for (RuleLevel level : values()) {
      if (level.label().equalsIgnoreCase(text.strip())) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
