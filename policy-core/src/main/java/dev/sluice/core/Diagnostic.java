package dev.sluice.core;

import static java.util.Objects.requireNonNull;

/**
 * One problem found while loading policies: a stable code, a severity, a message saying what is
 * wrong and how to fix it, and where.
 *
 * <p>Diagnostics are values, collected into lists; loading never stops at the first one.
 */
public record Diagnostic(String code, Severity severity, String message, SourcePosition position)
    implements Comparable<Diagnostic> {

  public Diagnostic {
    requireNonNull(code, "code");
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
    requireNonNull(position, "position");
  }

  /** A diagnostic with the code's default severity. */
  public static Diagnostic of(DiagnosticCode code, SourcePosition position, String message) {
    return new Diagnostic(code.name(), code.defaultSeverity(), message, position);
  }

  /** A diagnostic with an explicit severity. */
  public static Diagnostic of(
      DiagnosticCode code, Severity severity, SourcePosition position, String message) {
    return new Diagnostic(code.name(), severity, message, position);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line:col: severity: message [CODE]}. */
  public String format() {
    return position + ": " + severity.label() + ": " + message + " [" + code + "]";
  }

  @Override
  public int compareTo(Diagnostic other) {
    int byPosition = position.compareTo(other.position);
    return byPosition != 0 ? byPosition : code.compareTo(other.code);
  }

  @Override
  public String toString() {
    return format();
  }
}
