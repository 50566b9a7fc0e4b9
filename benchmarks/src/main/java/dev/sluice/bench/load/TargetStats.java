package dev.sluice.bench.load;

import dev.sluice.bench.load.LoadClient.StreamResult;
import dev.sluice.bench.load.LoadClient.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Everything measured for one target, accumulated over rounds, and why a scenario failed for it.
 * Confined to the driver's main thread.
 */
final class TargetStats {
  final Target target;
  /** The processes whose CPU time and memory are this target's: the backend's for direct, else the proxy's. */
  final List<Long> pids;
  /** The backend port a proxy relays to; empty for direct, which is the backend. */
  final OptionalInt backendPort;
  private final Map<Scenario, String> failures = new EnumMap<>(Scenario.class);

  final LatencyHistogram latency = new LatencyHistogram();
  long latencySent;
  long latencyReceived;
  long latencyFailedStreams;
  long latencyOutOfOrder;
  final CpuTime latencyCpu = new CpuTime();

  final List<Double> floodRates = new ArrayList<>();
  long floodSent;
  long floodReceived;
  final CpuTime floodCpu = new CpuTime();

  final LatencyHistogram plainLatency = new LatencyHistogram();
  final List<Double> plainRates = new ArrayList<>();
  long plainOk;
  long plainFailed;
  final CpuTime plainCpu = new CpuTime();

  StreamResult many;
  OptionalLong rssBeforeKiB = OptionalLong.empty();
  OptionalLong rssDuringKiB = OptionalLong.empty();
  OptionalLong heapBeforeBytes = OptionalLong.empty();
  OptionalLong heapDuringBytes = OptionalLong.empty();
  int openAtSample;
  long rampMillis = -1;
  /** How long the driver waited for local ports and open files before the run. */
  long roomWaitMillis;
  boolean roomReached = true;

  TargetStats(Target target, List<Long> pids, OptionalInt backendPort) {
    this.target = target;
    this.pids = List.copyOf(pids);
    this.backendPort = backendPort;
  }

  String name() {
    return target.name();
  }

  /** Records why a scenario failed for this target; the first reason is kept. */
  void fail(Scenario scenario, String reason) {
    failures.putIfAbsent(scenario, reason);
  }

  Optional<String> failure(Scenario scenario) {
    return Optional.ofNullable(failures.get(scenario));
  }

  boolean failed(Scenario scenario) {
    return failures.containsKey(scenario);
  }

  /** Every failure so far, by scenario in run order. */
  Map<Scenario, String> failures() {
    return Collections.unmodifiableMap(new EnumMap<>(failures));
  }

  /**
   * CPU time of the target's processes over the measured rounds of one scenario: the difference of
   * utime + stime before and after each round, summed. Unknown once any sample is missing.
   */
  static final class CpuTime {
    private long ticks;
    private boolean complete = true;
    private int rounds;

    void add(OptionalLong before, OptionalLong after) {
      rounds++;
      if (before.isEmpty() || after.isEmpty()) {
        complete = false;
      } else {
        ticks += after.getAsLong() - before.getAsLong();
      }
    }

    /** Microseconds of CPU per unit of work ({@code units} events or requests); empty when unknown. */
    OptionalDouble microsPer(long units, long ticksPerSecond) {
      if (!complete || rounds == 0 || units <= 0 || ticksPerSecond <= 0) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(ticks * 1e6 / ticksPerSecond / units);
    }
  }
}
