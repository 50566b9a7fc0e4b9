package dev.sluice.runtime;

import java.util.Optional;

/**
 * A step failure tagged with the innermost compiled step it came from, so that on-error can report
 * the element that failed even when it is nested (inside {@code choose}, {@code retry}, ...). Never
 * leaves the runtime: the pipeline unwraps it.
 */
final class LocatedFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient StepLocation location;

  private LocatedFailure(Throwable cause, StepLocation location) {
    super(cause.getMessage(), cause, false, false);
    this.location = location;
  }

  /** {@code failure} tagged with {@code location}, unless an inner step tagged it already. */
  static Throwable attach(Throwable failure, StepLocation location) {
    return failure instanceof LocatedFailure ? failure : new LocatedFailure(failure, location);
  }

  static Optional<StepLocation> location(Throwable failure) {
    return failure instanceof LocatedFailure located
        ? Optional.of(located.location)
        : Optional.empty();
  }

  /** The failure without its tag. */
  static Throwable unwrap(Throwable failure) {
    return failure instanceof LocatedFailure located ? located.getCause() : failure;
  }
}
