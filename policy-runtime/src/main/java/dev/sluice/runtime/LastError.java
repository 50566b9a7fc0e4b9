package dev.sluice.runtime;

import dev.sluice.core.Section;
import java.util.Objects;

/**
 * The failure that sent an exchange to the on-error section, as APIM's {@code context.LastError}.
 *
 * @param source the policy element that failed ({@code forward-request}), or {@code gateway}
 * @param reason a stable machine key, such as {@code backend_timeout}, or APIM's name for the
 *     failure ({@code ExpressionValueEvaluationFailure})
 * @param message a human-readable description
 * @param section the section that was running
 * @param status the HTTP status the failure maps to when no on-error step changes it
 * @param scope the scope whose policy holds the failed element ({@code global}, {@code product},
 *     {@code api}, {@code operation}), or empty for steps built in code
 * @param path the element's path inside its section, such as {@code choose[1]\when[1]\set-header[1]},
 *     or empty
 * @param policyId the failed element's {@code id} attribute, or empty
 */
public record LastError(
    String source,
    String reason,
    String message,
    Section section,
    int status,
    String scope,
    String path,
    String policyId) {
  public LastError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(policyId, "policyId");
  }

  /**
   * The failure a step ended with, as on-error sees it: the innermost located step that failed, or
   * {@code fallbackSource} when the failure carries no location.
   */
  static LastError of(Throwable failure, Section section, String fallbackSource) {
    PolicyFailure cause = PolicyFailure.of(LocatedFailure.unwrap(failure));
    StepLocation location =
        LocatedFailure.location(failure).orElse(new StepLocation(fallbackSource, "", "", ""));
    return new LastError(
        location.name(),
        cause.key(),
        cause.getMessage(),
        section,
        cause.status(),
        location.scope(),
        location.path(),
        location.policyId());
  }

  /** A failure of a step without a known place in a policy document. */
  public LastError(String source, String reason, String message, Section section, int status) {
    this(source, reason, message, section, status, "", "", "");
  }
}
