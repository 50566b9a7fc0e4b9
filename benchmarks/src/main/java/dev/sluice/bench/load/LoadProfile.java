package dev.sluice.bench.load;

import java.time.Duration;
import java.util.Locale;

/**
 * Sizes and durations of one run. Every scenario has its own warm-up, run on every target before
 * that scenario's measured rounds: the same load as the scenario (the 10,000-stream scenario: fewer
 * streams, opened the same way), so a JVM's JIT has compiled the paths it measures, as in a
 * gateway that has been serving for a while. The latency and plain warm-ups are the long ones:
 * they are the first load on the relay path and on the policy pipeline, and on 2 busy cores a
 * gateway JVM takes some 30 s of load before its request rate levels off; the latency warm-up
 * also sets up thousands of streams first (see {@link #latencyWarmupRuns()}).
 */
record LoadProfile(
    String name,
    int rounds,
    int latencyStreams,
    long latencyIntervalMs,
    int latencySetupRuns,
    Duration latencyWarmup,
    Duration latencyDuration,
    int floodStreams,
    Duration floodWarmup,
    Duration floodDuration,
    int plainConnections,
    Duration plainWarmup,
    Duration plainDuration,
    int manyStreams,
    long manyIntervalMs,
    long manyEvents,
    int manyWarmupStreams,
    long manyWarmupEvents) {

  /** About 4.5 minutes with three targets. */
  static LoadProfile quick() {
    return new LoadProfile(
        "quick", 2,
        100, 10, 20, Duration.ofSeconds(15), Duration.ofSeconds(4),
        4, Duration.ofSeconds(3), Duration.ofSeconds(2),
        32, Duration.ofSeconds(15), Duration.ofSeconds(3),
        10_000, 1000, 8, 1_000, 3);
  }

  /** About 12 minutes with three targets. */
  static LoadProfile full() {
    return new LoadProfile(
        "full", 3,
        100, 10, 80, Duration.ofSeconds(30), Duration.ofSeconds(20),
        4, Duration.ofSeconds(5), Duration.ofSeconds(5),
        32, Duration.ofSeconds(30), Duration.ofSeconds(10),
        10_000, 1000, 20, 1_000, 5);
  }

  /** The warm-up of a scenario, per target, for the report. */
  String warmup(Scenario scenario) {
    return switch (scenario) {
      case LATENCY -> String.format(Locale.ROOT,
          "%d runs that each open %d streams of one event (stream set-up), then %s of the same load in %d runs"
              + " that each open their streams afresh",
          latencySetupRuns, latencyStreams, seconds(latencyWarmup), latencyWarmupRuns());
      case MAX_RATE -> seconds(floodWarmup) + " of the same load";
      case PLAIN -> seconds(plainWarmup) + " of the same load";
      case STREAMS -> String.format(Locale.ROOT, "%,d streams opened the same way, %d events each",
          manyWarmupStreams, manyWarmupEvents);
    };
  }

  /** The measured part of a scenario, per target, for the report. */
  String measured(Scenario scenario) {
    return switch (scenario) {
      case LATENCY -> rounds + " rounds of " + seconds(latencyDuration);
      case MAX_RATE -> rounds + " rounds of " + seconds(floodDuration);
      case PLAIN -> rounds + " rounds of " + seconds(plainDuration);
      case STREAMS -> String.format(Locale.ROOT, "1 run of %,d streams, %d events each", manyStreams, manyEvents);
    };
  }

  /**
   * About how long one step takes when all goes well (a warm-up or one measured round of one
   * target), so the driver does not start a step that cannot end before the run's time limit.
   */
  Duration expected(Scenario scenario, boolean warmup) {
    return switch (scenario) {
      case LATENCY -> warmup
          ? latencyWarmup.plusSeconds(2L * latencyWarmupRuns()).plus(SETUP_RUN_EXPECTED.multipliedBy(latencySetupRuns))
          : latencyDuration.plusSeconds(2);
      case MAX_RATE -> (warmup ? floodWarmup : floodDuration).plusSeconds(2);
      case PLAIN -> (warmup ? plainWarmup : plainDuration).plusSeconds(2);
      case STREAMS -> Duration.ofMillis(manyIntervalMs * (warmup ? manyWarmupEvents : manyEvents))
          .plusSeconds(warmup ? 5 : 30);
    };
  }

  /**
   * The latency warm-up starts with {@code latencySetupRuns} short runs: each opens {@code
   * latencyStreams} streams at once that carry one event and end. Every measured round opens its
   * streams afresh, all at once, and the code that sets a stream up (accepting the connection,
   * the request, the backend exchange, closing) runs once per stream: a few hundred times would
   * leave a JVM target running it in the interpreter or in C1's profiling code, about twice as
   * slow as compiled, in the first second of every round, where it delays the events of the
   * streams already open. A gateway in service opens streams all day. The scenario's own load
   * follows, in pieces of {@link #LATENCY_WARMUP_PIECE} that each open their streams afresh too.
   */
  int latencyWarmupRuns() {
    return (int) Math.max(1, latencyWarmup.toMillis() / LATENCY_WARMUP_PIECE.toMillis());
  }

  Duration latencyWarmupPiece() {
    return latencyWarmup.compareTo(LATENCY_WARMUP_PIECE) < 0 ? latencyWarmup : LATENCY_WARMUP_PIECE;
  }

  static final Duration LATENCY_WARMUP_PIECE = Duration.ofSeconds(5);

  /**
   * About how long one set-up run of the latency warm-up takes (for {@link #expected}); measured
   * 30–125 ms per run through each target, so this leaves room for a slow machine.
   */
  private static final Duration SETUP_RUN_EXPECTED = Duration.ofMillis(300);

  private static String seconds(Duration duration) {
    return duration.toSeconds() + " s";
  }
}
