package dev.sluice.runtime;

import java.util.Objects;

/**
 * How policies are compiled into pipelines.
 *
 * @param strictBuffering refuse to load (an error instead of a warning) when the effective policy of
 *     an operation marked as streaming would buffer its {@code text/event-stream} response
 * @param traceSink where {@code trace} and {@code context.Trace} entries go
 */
public record CompilerOptions(boolean strictBuffering, TraceSink traceSink) {
  public CompilerOptions {
    Objects.requireNonNull(traceSink, "traceSink");
  }

  /** Not strict; traces go to {@link TraceSink#logging()}. */
  public static CompilerOptions defaults() {
    return new CompilerOptions(false, TraceSink.logging());
  }

  public CompilerOptions withStrictBuffering(boolean value) {
    return new CompilerOptions(value, traceSink);
  }

  public CompilerOptions withTraceSink(TraceSink value) {
    return new CompilerOptions(strictBuffering, value);
  }
}
