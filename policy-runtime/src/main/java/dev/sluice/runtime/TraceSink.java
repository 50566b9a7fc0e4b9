package dev.sluice.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives what the {@code trace} policy and {@code context.Trace(...)} write.
 *
 * <p>Threading: called on the event loop of the exchange, possibly from several loops at once; an
 * implementation must be thread-safe and must not block (hand slow work off to a queue).
 */
@FunctionalInterface
public interface TraceSink {

  /** Records one entry. */
  void trace(Entry entry);

  /**
   * A sink writing to the {@code java.util.logging} logger {@code dev.sluice.runtime.trace}:
   * {@code error} as SEVERE, {@code information} as INFO, {@code verbose} as FINE.
   */
  static TraceSink logging() {
    Logger logger = Logger.getLogger("dev.sluice.runtime.trace");
    return entry -> {
      Level level =
          switch (entry.severity()) {
            case "error" -> Level.SEVERE;
            case "information" -> Level.INFO;
            default -> Level.FINE;
          };
      if (logger.isLoggable(level)) {
        logger.log(
            level,
            "[{0}] {1}: {2} {3}",
            new Object[] {entry.requestId(), entry.source(), entry.message(), entry.metadata()});
      }
    };
  }

  /**
   * One trace entry.
   *
   * @param requestId the exchange's {@code context.RequestId}
   * @param source the {@code source} attribute, or the source given to {@code context.Trace}
   * @param severity {@code verbose}, {@code information} or {@code error}
   * @param message the message, expressions evaluated
   * @param metadata the {@code metadata} name/value pairs, evaluated
   */
  record Entry(
      String requestId, String source, String severity, String message, Map<String, String> metadata) {
    public Entry {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(message, "message");
      metadata = Map.copyOf(metadata);
    }
  }
}
