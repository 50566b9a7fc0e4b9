package dev.sluice.bench.load;

import dev.sluice.bench.load.LoadClient.StreamResult;
import dev.sluice.bench.load.RunEnvironment.JvmOptions;
import dev.sluice.bench.load.TargetStats.CpuTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The Markdown report of one run: a header (machine, versions, JVM options, warm-ups, load average
 * per scenario, failures), then one table per scenario that ran, with one row per target. A target
 * that failed a scenario gets a row saying why instead of numbers. A pure function of what it is
 * given.
 */
final class LoadReport {
  static final String DIRECT = "direct";
  static final String SLUICE = "sluice";
  static final String NGINX = "nginx";

  /** One scenario as it ran: the 1-minute load average before and after it (NaN if unknown), and its duration. */
  record ScenarioLog(Scenario scenario, double loadStart, double loadEnd, long millis) {}

  private final RunEnvironment environment;
  private final LoadProfile profile;
  private final int workers;
  private final long ticksPerSecond;
  private final List<TargetStats> targets;
  private final List<ScenarioLog> scenarios;
  private final Optional<String> aborted;

  LoadReport(
      RunEnvironment environment, LoadProfile profile, int workers, long ticksPerSecond, List<TargetStats> targets,
      List<ScenarioLog> scenarios, Optional<String> aborted) {
    this.environment = environment;
    this.profile = profile;
    this.workers = workers;
    this.ticksPerSecond = ticksPerSecond;
    this.targets = List.copyOf(targets);
    this.scenarios = List.copyOf(scenarios);
    this.aborted = aborted;
  }

  /** Every failure of the run, one line each; empty when everything ran. */
  List<String> failures() {
    List<String> lines = new ArrayList<>();
    aborted.ifPresent(reason -> lines.add("run aborted: " + reason));
    for (TargetStats s : targets) {
      s.failures().forEach((scenario, reason) -> lines.add(s.name() + ", " + scenario.key() + ": " + reason));
    }
    return lines;
  }

  String render() {
    StringBuilder md = new StringBuilder();
    header(md);
    for (ScenarioLog log : scenarios) {
      switch (log.scenario()) {
        case LATENCY -> latency(md);
        case MAX_RATE -> maxRate(md);
        case PLAIN -> plain(md);
        case STREAMS -> streams(md);
      }
    }
    goals(md);
    return md.toString();
  }

  private void header(StringBuilder md) {
    List<String> names = targets.stream().map(TargetStats::name).toList();
    md.append(String.format(Locale.ROOT, "Profile `%s`, run %s; targets %s.%n%n", profile.name(), environment.date(),
        String.join(", ", names)));
    md.append("- Machine: ").append(environment.machine()).append(".\n");
    md.append("- Java: ").append(environment.java()).append(" (every JVM of the run); nginx: ")
        .append(environment.nginx()).append(".\n");
    List<String> jvms = new ArrayList<>();
    for (JvmOptions jvm : environment.jvms()) {
      jvms.add(jvm.process() + " `" + (jvm.options().isEmpty() ? "(none)" : String.join(" ", jvm.options())) + "`");
    }
    md.append("- JVM options: ").append(jvms.isEmpty() ? "n/a" : String.join("; ", jvms))
        .append("; anything not listed is the JVM's default.\n");
    md.append(String.format(Locale.ROOT,
        "- Processes: each proxy ran as %d single-threaded process(es) (nginx workers; Sluice JVMs with one event "
            + "loop each); the load client and the backend are two more JVMs with one event loop each. The backend "
            + "listens on one port per target, so the targets' connections to it do not compete for local ports "
            + "(local ports for outgoing connections: %s).%n", workers, environment.portRange()));
    md.append("- Rounds are interleaved over the targets (")
        .append(String.join(", ", names)).append(", ").append(names.get(0)).append(", ...). Warm-up: before each "
            + "scenario's measured rounds every target gets the same unmeasured warm-up with that scenario's load, "
            + "in the same order (table below).\n");
    md.append(String.format(Locale.ROOT,
        "- CPU columns: user + system time of the target's processes (direct: the backend; a proxy: its processes "
            + "and their children, not the backend) over the measured rounds, divided by the events or requests the "
            + "client received; resolution 1/%d s.%n%n", ticksPerSecond));

    md.append("| scenario | warm-up per target | measured per target | load average at start | at end | took s |\n");
    md.append("|---|---|---|---:|---:|---:|\n");
    for (ScenarioLog log : scenarios) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f |%n", log.scenario().key(),
          profile.warmup(log.scenario()), profile.measured(log.scenario()), load(log.loadStart()), load(log.loadEnd()),
          log.millis() / 1000.0));
    }
    md.append('\n');

    List<String> failures = failures();
    if (!failures.isEmpty()) {
      md.append("**Failures** (the driver exits with status 1):\n\n");
      failures.forEach(line -> md.append("- ").append(cell(line)).append('\n'));
      md.append('\n');
    }
  }

  private void latency(StringBuilder md) {
    md.append(String.format(Locale.ROOT,
        "### Per-event latency: %d streams, one event every %d ms, %d s per round%n%n",
        profile.latencyStreams(), profile.latencyIntervalMs(), profile.latencyDuration().toSeconds()));
    String[] columns = {"target", "events sent", "received", "lost", "p50 ms", "p99 ms", "p99.9 ms", "max ms",
        "added p50 ms", "added p99 ms", "CPU µs/event"};
    table(md, columns, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    Optional<TargetStats> direct = usable(DIRECT, Scenario.LATENCY);
    for (TargetStats s : targets) {
      if (failedRow(md, s, Scenario.LATENCY, columns.length)) {
        continue;
      }
      LatencyHistogram h = s.latency;
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %s | %s | %s |%n",
          s.name(), s.latencySent, s.latencyReceived, s.latencySent - s.latencyReceived,
          ms(h.percentile(50)), ms(h.percentile(99)), ms(h.percentile(99.9)), ms(h.max()),
          added(s, direct, 50), added(s, direct, 99), cpu(s.latencyCpu, s.latencyReceived)));
    }
    md.append('\n');
  }

  private void maxRate(StringBuilder md) {
    md.append(String.format(Locale.ROOT,
        "### Maximum events/s: %d streams sending as fast as backpressure allows, %d s per round%n%n",
        profile.floodStreams(), profile.floodDuration().toSeconds()));
    String[] columns = {"target", "events/s (median)", "per round", "sent", "received", "lost", "vs direct",
        "CPU µs/event"};
    table(md, columns, "|---|---:|---|---:|---:|---:|---:|---:|");
    Optional<TargetStats> direct = usable(DIRECT, Scenario.MAX_RATE);
    for (TargetStats s : targets) {
      if (failedRow(md, s, Scenario.MAX_RATE, columns.length)) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %d | %d | %d | %s | %s |%n", s.name(),
          median(s.floodRates), rounds(s.floodRates), s.floodSent, s.floodReceived, s.floodSent - s.floodReceived,
          direct.map(d -> ratio(median(s.floodRates), median(d.floodRates))).orElse("n/a"),
          cpu(s.floodCpu, s.floodReceived)));
    }
    md.append('\n');
  }

  private void plain(StringBuilder md) {
    md.append(String.format(Locale.ROOT,
        "### Plain requests: %d keep-alive connections, one request at a time each, %d s per round "
            + "(proxies run the 5-policy pipeline)%n%n",
        profile.plainConnections(), profile.plainDuration().toSeconds()));
    String[] columns = {"target", "req/s (median)", "per round", "p50 ms", "p99 ms", "failed", "vs nginx",
        "CPU µs/request"};
    table(md, columns, "|---|---:|---|---:|---:|---:|---:|---:|");
    Optional<TargetStats> nginx = usable(NGINX, Scenario.PLAIN);
    for (TargetStats s : targets) {
      if (failedRow(md, s, Scenario.PLAIN, columns.length)) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.3f | %.3f | %d | %s | %s |%n", s.name(),
          median(s.plainRates), rounds(s.plainRates), ms(s.plainLatency.percentile(50)),
          ms(s.plainLatency.percentile(99)), s.plainFailed,
          nginx.map(n -> ratio(median(s.plainRates), median(n.plainRates))).orElse("n/a"),
          cpu(s.plainCpu, s.plainOk)));
    }
    md.append('\n');
  }

  private void streams(StringBuilder md) {
    md.append(String.format(Locale.ROOT,
        "### %,d concurrent streams: one event every %d ms, %d events each%n%n", profile.manyStreams(),
        profile.manyIntervalMs(), profile.manyEvents()));
    String[] columns = {"target", "completed", "events expected", "sent", "received", "lost",
        "waited for ports and files s", "opened in s", "open at sample", "RSS before MiB", "RSS with streams MiB",
        "RSS KiB/stream", "live heap KiB/stream", "p99 ms"};
    table(md, columns, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (TargetStats s : targets) {
      if (failedRow(md, s, Scenario.STREAMS, columns.length)) {
        continue;
      }
      StreamResult r = s.many;
      if (r == null) {
        md.append(failed(s.name(), "no result", columns.length));
        continue;
      }
      md.append(String.format(Locale.ROOT,
          "| %s | %d | %d | %d | %d | %d | %s | %.1f | %d | %s | %s | %s | %s | %.3f |%n",
          s.name(), r.completed(), r.expectedEvents(), r.sent(), r.received(), r.lost(), roomWait(s),
          s.rampMillis / 1000.0, s.openAtSample, mib(s.rssBeforeKiB), mib(s.rssDuringKiB),
          perStream(s.rssBeforeKiB, s.rssDuringKiB, 1, r.streams()),
          perStream(s.heapBeforeBytes, s.heapDuringBytes, 1024, r.streams()), ms(r.latency().percentile(99))));
    }
    md.append('\n');
  }

  private void goals(StringBuilder md) {
    md.append("### Goals\n\n");
    Optional<TargetStats> sluice = target(SLUICE);
    Optional<TargetStats> nginx = target(NGINX);
    if (sluice.isEmpty() || nginx.isEmpty()) {
      md.append("Not evaluated: the run did not include both Sluice and nginx.\n");
      return;
    }
    if (ran(Scenario.LATENCY)) {
      Optional<String> why = whyNot(Scenario.LATENCY, DIRECT, SLUICE, NGINX);
      if (why.isPresent()) {
        md.append("- Added p99 per-event latency no worse than nginx's: not evaluated (").append(why.get())
            .append(")\n");
      } else {
        TargetStats direct = target(DIRECT).orElseThrow();
        double sluiceAdded = ms(sluice.get().latency.percentile(99)) - ms(direct.latency.percentile(99));
        double nginxAdded = ms(nginx.get().latency.percentile(99)) - ms(direct.latency.percentile(99));
        md.append(String.format(Locale.ROOT,
            "- Added p99 per-event latency, Sluice %.3f ms vs nginx %.3f ms: %s%n", sluiceAdded, nginxAdded,
            sluiceAdded <= nginxAdded ? "met" : "NOT met"));
      }
    }
    if (ran(Scenario.PLAIN)) {
      Optional<String> why = whyNot(Scenario.PLAIN, SLUICE, NGINX);
      if (why.isPresent()) {
        md.append("- Plain requests/s, Sluice / nginx >= 0.80x: not evaluated (").append(why.get()).append(")\n");
      } else {
        double ratio = median(sluice.get().plainRates) / median(nginx.get().plainRates);
        md.append(String.format(Locale.ROOT, "- Plain requests/s, Sluice / nginx = %.2fx (goal >= 0.80x): %s%n",
            ratio, ratio >= 0.8 ? "met" : "NOT met"));
      }
    }
    if (ran(Scenario.STREAMS)) {
      StreamResult many = sluice.get().many;
      Optional<String> failure = sluice.get().failure(Scenario.STREAMS);
      boolean met = failure.isEmpty() && many != null && many.lost() == 0 && many.received() == many.expectedEvents();
      md.append(String.format(Locale.ROOT, "- %,d streams through Sluice, nothing lost: %s%n", profile.manyStreams(),
          met ? "met" : "NOT met" + failure.map(f -> " (failed: " + cell(f) + ")").orElse("")));
    }
  }

  /** Why a comparison cannot be made: a target missing or failed; empty when it can. */
  private Optional<String> whyNot(Scenario scenario, String... names) {
    for (String name : names) {
      Optional<TargetStats> s = target(name);
      if (s.isEmpty()) {
        return Optional.of(name + " not run");
      }
      if (s.get().failed(scenario)) {
        return Optional.of(name + " failed");
      }
    }
    return Optional.empty();
  }

  private boolean ran(Scenario scenario) {
    return scenarios.stream().anyMatch(l -> l.scenario() == scenario);
  }

  private Optional<TargetStats> target(String name) {
    return targets.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** A target to compare with, if it ran this scenario without failing. */
  private Optional<TargetStats> usable(String name, Scenario scenario) {
    return target(name).filter(s -> !s.failed(scenario));
  }

  private static void table(StringBuilder md, String[] columns, String alignment) {
    md.append("| ").append(String.join(" | ", columns)).append(" |\n").append(alignment).append('\n');
  }

  /** Appends the row of a target that failed this scenario; false if it did not fail. */
  private static boolean failedRow(StringBuilder md, TargetStats s, Scenario scenario, int columns) {
    Optional<String> failure = s.failure(scenario);
    failure.ifPresent(reason -> md.append(failed(s.name(), reason, columns)));
    return failure.isPresent();
  }

  /** A row with the target, the failure, and empty cells up to the table's width. */
  static String failed(String target, String reason, int columns) {
    List<String> cells = new ArrayList<>(List.of(target, "**failed**: " + cell(reason)));
    cells.addAll(Collections.nCopies(columns - 2, " "));
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** Text made safe for one table cell. */
  private static String cell(String text) {
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
  }

  private String cpu(CpuTime cpu, long units) {
    OptionalDouble micros = cpu.microsPer(units, ticksPerSecond);
    return micros.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.1f", micros.getAsDouble());
  }

  private static String roomWait(TargetStats s) {
    return String.format(Locale.ROOT, "%.1f%s", s.roomWaitMillis / 1000.0, s.roomReached ? "" : " (still short)");
  }

  private static String added(TargetStats s, Optional<TargetStats> direct, double percentile) {
    if (direct.isEmpty()) {
      return "n/a";
    }
    if (direct.get() == s) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.3f",
        ms(s.latency.percentile(percentile)) - ms(direct.get().latency.percentile(percentile)));
  }

  private static String perStream(OptionalLong before, OptionalLong during, long divisorToKiB, int streams) {
    if (before.isEmpty() || during.isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f",
        (during.getAsLong() - before.getAsLong()) / (double) divisorToKiB / streams);
  }

  private static String mib(OptionalLong kib) {
    return kib.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.1f", kib.getAsLong() / 1024.0);
  }

  private static String load(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String ratio(double value, double base) {
    return base <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2fx", value / base);
  }

  private static String rounds(List<Double> values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(String.format(Locale.ROOT, "%.0f", v)));
    return String.join(" / ", parts);
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
