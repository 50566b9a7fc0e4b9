package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import dev.sluice.core.Severity;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a lint run fails a build: {@code --fail-on error|warning|info} (any unsuppressed finding at
 * least that serious fails) and {@code --max-warnings N} (more than N unsuppressed warnings fail).
 * Suppressed findings never count. The CLI maps a failure to its exit code; this is only the rule.
 */
public record FailurePolicy(Severity failOn, OptionalInt maxWarnings) {

  public FailurePolicy {
    requireNonNull(failOn, "failOn");
    requireNonNull(maxWarnings, "maxWarnings");
    maxWarnings.ifPresent(max -> Preconditions.checkArgument(max >= 0, "max-warnings < 0: %s", max));
  }

  /** Fail on errors only, no warning limit. */
  public static FailurePolicy defaults() {
    return new FailurePolicy(Severity.ERROR, OptionalInt.empty());
  }

  public FailurePolicy withMaxWarnings(int max) {
    return new FailurePolicy(failOn, OptionalInt.of(max));
  }

  /** Parses a {@code --fail-on} value: {@code error}, {@code warning} or {@code info}. */
  public static Optional<Severity> parseFailOn(String text) {
    for (Severity severity : Severity.values()) {
      if (severity.label().equalsIgnoreCase(text.strip())) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }

  /** Why the report fails the run, or empty when it passes. */
  public Optional<String> failure(LintReport report) {
    int serious = 0;
    for (Severity severity : Severity.values()) {
      if (severity.atLeast(failOn)) {
        serious += report.count(severity);
      }
    }
    if (serious > 0) {
      return Optional.of(
          serious + (serious == 1 ? " finding" : " findings") + " at or above --fail-on "
              + failOn.label());
    }
    int warnings = report.count(Severity.WARNING);
    if (maxWarnings.isPresent() && warnings > maxWarnings.getAsInt()) {
      return Optional.of(
          warnings + (warnings == 1 ? " warning" : " warnings") + " exceed --max-warnings "
              + maxWarnings.getAsInt());
    }
    return Optional.empty();
  }

  public boolean fails(LintReport report) {
    return failure(report).isPresent();
  }
}
