package dev.sluice.runtime;

/** What a {@link PolicyStep} tells the pipeline to do next. */
public enum StepOutcome {
  /** Run the next step. */
  CONTINUE,
  /**
   * The response held by the {@link PolicyContext} is final: skip every remaining step and section
   * and send it (as {@code return-response} does).
   */
  END
}
