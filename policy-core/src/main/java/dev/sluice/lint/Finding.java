package dev.sluice.lint;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One problem the linter found: the rule's id, the severity after configuration, a message saying
 * what is wrong and how to fix it, where, and optionally the inheritance chain, related locations,
 * a suppression and a fix.
 *
 * <p>{@code ruleId} is a rule id ({@code SSE001}) or, for a problem found while loading files, the
 * diagnostic code ({@code NOT_WELL_FORMED}), so one report carries both.
 *
 * <p>Rules never build findings themselves: they report a node and the {@link Linter} adds the id,
 * severity, position and suppression. A suppressed finding stays in the report, marked, and does
 * not count toward failure.
 */
public record Finding(
    String ruleId,
    Severity severity,
    String message,
    SourcePosition position,
    Optional<String> inheritance,
    List<RelatedLocation> related,
    Optional<Suppression> suppression,
    Optional<Fix> fix)
    implements Comparable<Finding> {

  private static final Pattern DIAGNOSTIC_CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+");

  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::position)
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  public Finding {
    requireNonNull(ruleId, "ruleId");
    checkArgument(
        RuleInfo.isValidId(ruleId) || DIAGNOSTIC_CODE.matcher(ruleId).matches(),
        "neither a rule id nor a diagnostic code: %s",
        ruleId);
    requireNonNull(severity, "severity");
    requireNonNull(message, "message");
    requireNonNull(position, "position");
    requireNonNull(inheritance, "inheritance");
    related = List.copyOf(related);
    requireNonNull(suppression, "suppression");
    requireNonNull(fix, "fix");
  }

  /** A finding with no details, not suppressed. */
  public static Finding of(
      String ruleId, Severity severity, SourcePosition position, String message) {
    return new Finding(
        ruleId, severity, message, position, Optional.empty(), List.of(), Optional.empty(),
        Optional.empty());
  }

  /** A finding carrying a rule's details. */
  public static Finding of(
      String ruleId,
      Severity severity,
      SourcePosition position,
      String message,
      FindingDetails details) {
    return new Finding(
        ruleId,
        severity,
        message,
        position,
        details.inheritance(),
        details.related(),
        Optional.empty(),
        details.fix());
  }

  /** A load diagnostic as a finding: its code as rule id, its severity, message and position. */
  public static Finding of(Diagnostic diagnostic) {
    return of(diagnostic.code(), diagnostic.severity(), diagnostic.position(), diagnostic.message());
  }

  public boolean isSuppressed() {
    return suppression.isPresent();
  }

  /** The same finding, suppressed by {@code by}. */
  public Finding suppressedBy(Suppression by) {
    return new Finding(
        ruleId, severity, message, position, inheritance, related, Optional.of(by), fix);
  }

  /** {@code file:line:col: severity: message [ID]}, the one-line form of text output. */
  public String format() {
    return position + ": " + severity.label() + ": " + message + " [" + ruleId + "]";
  }

  /** By file, line, column, then rule id and message: the order of every report. */
  @Override
  public int compareTo(Finding other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return format();
  }
}
