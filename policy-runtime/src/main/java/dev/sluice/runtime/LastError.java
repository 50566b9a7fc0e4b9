package dev.sluice.runtime;

import dev.sluice.core.Section;
import java.util.Objects;

/**
 * The failure that sent an exchange to the on-error section, as APIM's {@code context.LastError}.
 *
 * @param source the policy element that failed ({@code forward-request}), or {@code gateway}
 * @param reason a stable machine key, such as {@code backend_timeout}
 * @param message a human-readable description
 * @param section the section that was running
 * @param status the HTTP status the failure maps to when no on-error step changes it
 */
public record LastError(String source, String reason, String message, Section section, int status) {
  public LastError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(section, "section");
  }
}
