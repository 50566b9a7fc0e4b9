package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.SourcePosition;

/**
 * Why a finding is suppressed: the {@code <!-- sluice-disable ID: reason -->} comment that names its
 * rule, with the reason as written ({@code ""} when the comment gives none, which is itself reported
 * under {@code SLU001}) and the comment's position.
 */
public record Suppression(String reason, SourcePosition position) {
  public Suppression {
    requireNonNull(reason, "reason");
    requireNonNull(position, "position");
  }

  public boolean hasReason() {
    return !reason.isBlank();
  }
}
