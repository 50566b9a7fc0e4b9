package dev.sluice.bench.load;

import dev.sluice.bench.load.LoadClient.PlainResult;
import dev.sluice.bench.load.LoadClient.StreamPlan;
import dev.sluice.bench.load.LoadClient.StreamResult;
import dev.sluice.bench.load.LoadClient.StreamRun;
import dev.sluice.bench.load.LoadClient.Target;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load benchmark's driver: runs the load client in this JVM against a running {@link
 * LoadBackend} and the proxies, every scenario over each target in interleaved rounds (direct,
 * sluice, nginx, direct, ...), and writes a Markdown report. {@code benchmarks/load/run.sh} starts
 * the backend and the proxies and passes their ports and process ids.
 *
 * <p>Arguments: {@code --backend-port P} (required), {@code --sluice-ports P,P --sluice-pids
 * PID,PID [--sluice-admin-ports P,P]}, {@code --nginx-port P --nginx-pid PID}, {@code --quick},
 * {@code --scenarios latency,max-rate,plain,streams} (default all), {@code --out FILE}, {@code --workers N} (how many single-threaded processes each proxy ran as,
 * for the report). A target without a port is skipped.
 */
public final class LoadBenchmark {
  private static final String DIRECT = "direct";
  private static final String SLUICE = "sluice";
  private static final String NGINX = "nginx";

  /** Sizes and durations of one run; {@link #quick()} for a 1-2 minute run, {@link #full()}. */
  record Profile(
      String name,
      int rounds,
      Duration warmup,
      int latencyStreams,
      long latencyIntervalMs,
      Duration latencyDuration,
      int floodStreams,
      Duration floodDuration,
      int plainConnections,
      Duration plainDuration,
      int manyStreams,
      long manyIntervalMs,
      long manyEvents) {

    static Profile quick() {
      return new Profile(
          "quick", 2, Duration.ofSeconds(6), 100, 10, Duration.ofSeconds(4), 4, Duration.ofSeconds(2), 32,
          Duration.ofSeconds(3), 10_000, 1000, 8);
    }

    static Profile full() {
      return new Profile(
          "full", 3, Duration.ofSeconds(15), 100, 10, Duration.ofSeconds(20), 4, Duration.ofSeconds(5), 32,
          Duration.ofSeconds(10), 10_000, 1000, 20);
    }
  }

  /** Everything measured for one target, accumulated over rounds. */
  static final class TargetStats {
    final Target target;
    final LatencyHistogram latency = new LatencyHistogram();
    long latencySent;
    long latencyReceived;
    long latencyFailedStreams;
    long latencyOutOfOrder;
    final List<Double> floodRates = new ArrayList<>();
    long floodSent;
    long floodReceived;
    final LatencyHistogram plainLatency = new LatencyHistogram();
    final List<Double> plainRates = new ArrayList<>();
    long plainOk;
    long plainFailed;
    StreamResult many;
    OptionalLong rssBeforeKiB = OptionalLong.empty();
    OptionalLong rssDuringKiB = OptionalLong.empty();
    OptionalLong heapBeforeBytes = OptionalLong.empty();
    OptionalLong heapDuringBytes = OptionalLong.empty();
    int openAtSample;
    long rampMillis = -1;

    TargetStats(Target target) {
      this.target = target;
    }
  }

  private final Profile profile;
  private final Vertx clientVertx;
  private final BackendControl backend;
  private final LoadClient client;
  private final Map<String, TargetStats> stats = new LinkedHashMap<>();
  private final Map<String, List<Long>> pids = new LinkedHashMap<>();
  private final List<Integer> sluiceAdminPorts;
  private final PrintStream log = System.out;
  private Set<String> scenarios = Set.of("latency", "max-rate", "plain", "streams");

  private LoadBenchmark(
      Profile profile, Vertx clientVertx, BackendControl backend, List<Target> targets,
      Map<String, List<Long>> pids, List<Integer> sluiceAdminPorts) {
    this.profile = profile;
    this.clientVertx = clientVertx;
    this.backend = backend;
    this.client = new LoadClient(clientVertx, backend);
    targets.forEach(t -> stats.put(t.name(), new TargetStats(t)));
    this.pids.putAll(pids);
    this.sluiceAdminPorts = List.copyOf(sluiceAdminPorts);
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Profile profile = options.containsKey("quick") ? Profile.quick() : Profile.full();
    int backendPort = Integer.parseInt(require(options, "backend-port"));
    Path out = Path.of(options.getOrDefault("out", "benchmarks/load/results-latest.md"));
    String workers = options.getOrDefault("workers", "1");

    // The client on one event loop; the backend is its own process (see LoadBackend).
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    BackendControl backend = new BackendControl(clientVertx, backendPort);

    List<Target> targets = new ArrayList<>();
    Map<String, List<Long>> pids = new LinkedHashMap<>();
    targets.add(new Target(DIRECT, List.of(backendPort)));
    if (options.containsKey("sluice-ports")) {
      targets.add(new Target(SLUICE, longs(options.get("sluice-ports")).stream().map(Long::intValue).toList()));
      pids.put(SLUICE, longs(require(options, "sluice-pids")));
    }
    if (options.containsKey("nginx-port")) {
      targets.add(new Target(NGINX, List.of(Integer.parseInt(options.get("nginx-port")))));
      pids.put(NGINX, longs(require(options, "nginx-pid")));
    }
    List<Integer> adminPorts =
        options.containsKey("sluice-admin-ports")
            ? longs(options.get("sluice-admin-ports")).stream().map(Long::intValue).toList()
            : List.of();
    LoadBenchmark benchmark = new LoadBenchmark(profile, clientVertx, backend, targets, pids, adminPorts);
    if (options.containsKey("scenarios")) {
      benchmark.scenarios = Set.copyOf(List.of(options.get("scenarios").split(",")));
    }
    String report;
    try {
      benchmark.waitUntilReachable();
      benchmark.checkClock();
      benchmark.run();
      report = benchmark.report(workers);
    } finally {
      await(backend.close(), Duration.ofSeconds(10));
      await(clientVertx.close(), Duration.ofSeconds(10));
    }
    System.out.println();
    System.out.println(report);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println("Report written to " + out);
  }

  /**
   * Latency compares the backend's send time with this JVM's receive time; that holds only if both
   * read one clock. Checks that every backend reading falls between two local ones.
   */
  private void checkClock() throws Exception {
    for (int i = 0; i < 20; i++) {
      long before = System.nanoTime();
      long remote = await(backend.clock(), Duration.ofSeconds(10));
      long after = System.nanoTime();
      if (remote < before || remote > after) {
        throw new IllegalStateException(
            "the backend's nanoTime is not this JVM's clock (" + before + " <= " + remote + " <= " + after
                + " fails); per-event latency cannot be measured across these processes");
      }
    }
  }

  private void waitUntilReachable() throws Exception {
    for (TargetStats s : stats.values()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (true) {
        int processes = s.target.ports().size();
        PlainResult probe =
            await(client.plain(s.target, processes, Duration.ofMillis(50), Duration.ofSeconds(5)),
                Duration.ofSeconds(10));
        if (probe.failed() == 0 && probe.ok() >= processes) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(s.target + " did not answer /plain within 60 s");
        }
        Thread.sleep(250);
      }
    }
  }

  private void run() throws Exception {
    log.printf(Locale.ROOT, "profile %s, targets %s%n", profile.name(), stats.keySet());
    for (TargetStats s : stats.values()) {
      log.printf(Locale.ROOT, "warm-up %s%n", s.target.name());
      latencyRun(s.target, profile.warmup());
      await(client.plain(s.target, profile.plainConnections(), profile.warmup(), limit(profile.warmup())),
          limit(profile.warmup()).plusSeconds(10));
    }
    for (int round = 1; scenarios.contains("latency") && round <= profile.rounds(); round++) {
      for (TargetStats s : stats.values()) {
        StreamResult r = latencyRun(s.target, profile.latencyDuration());
        s.latency.add(r.latency());
        s.latencySent += r.sent();
        s.latencyReceived += r.received();
        s.latencyFailedStreams += r.failed();
        s.latencyOutOfOrder += r.outOfOrder();
        log.printf(Locale.ROOT, "latency round %d %-6s p50 %.3f ms p99 %.3f ms sent %d received %d%n", round,
            s.target.name(), ms(r.latency().percentile(50)), ms(r.latency().percentile(99)), r.sent(), r.received());
      }
    }
    for (int round = 1; scenarios.contains("max-rate") && round <= profile.rounds(); round++) {
      for (TargetStats s : stats.values()) {
        long durationMs = profile.floodDuration().toMillis();
        StreamPlan plan =
            new StreamPlan(profile.floodStreams(), 50_000_000L, 0, durationMs, 64, 16, false, limit(profile.floodDuration()));
        awaitBackendIdle();
        StreamResult r = await(client.streams(s.target, plan).done(), limit(profile.floodDuration()).plusSeconds(10));
        s.floodRates.add(r.eventsPerSecond());
        s.floodSent += r.sent();
        s.floodReceived += r.received();
        log.printf(Locale.ROOT, "max-rate round %d %-6s %.0f events/s sent %d received %d%n", round,
            s.target.name(), r.eventsPerSecond(), r.sent(), r.received());
      }
    }
    for (int round = 1; scenarios.contains("plain") && round <= profile.rounds(); round++) {
      for (TargetStats s : stats.values()) {
        PlainResult r =
            await(client.plain(s.target, profile.plainConnections(), profile.plainDuration(),
                limit(profile.plainDuration())), limit(profile.plainDuration()).plusSeconds(10));
        s.plainLatency.add(r.latency());
        s.plainRates.add(r.requestsPerSecond());
        s.plainOk += r.ok();
        s.plainFailed += r.failed();
        log.printf(Locale.ROOT, "plain round %d %-6s %.0f req/s p99 %.3f ms failed %d%n", round, s.target.name(),
            r.requestsPerSecond(), ms(r.latency().percentile(99)), r.failed());
      }
    }
    for (TargetStats s : stats.values()) {
      if (scenarios.contains("streams")) {
        manyStreams(s);
      }
    }
  }

  /**
   * Waits (at most 30 s) until the backend has no stream open, so that events still sent on streams
   * of an earlier, cut run are not counted as lost in the next one.
   */
  private void awaitBackendIdle() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long open = -1;
    while (true) {
      try {
        open = await(backend.stats(), Duration.ofSeconds(10)).openStreams();
      } catch (ExecutionException | TimeoutException e) {
        // A control call that failed is retried until the deadline; the next one uses a new connection.
        log.printf(Locale.ROOT, "backend stats failed, retrying: %s%n", e);
      }
      if (open == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        log.printf(Locale.ROOT, "backend still has %d streams open from an earlier run%n", open);
        return;
      }
      Thread.sleep(200);
    }
  }

  private StreamResult latencyRun(Target target, Duration duration) throws Exception {
    awaitBackendIdle();
    long events = Math.max(1, duration.toMillis() / profile.latencyIntervalMs());
    StreamPlan plan =
        new StreamPlan(profile.latencyStreams(), events, profile.latencyIntervalMs(), 0, 64, 100, false, limit(duration));
    return await(client.streams(target, plan).done(), limit(duration).plusSeconds(10));
  }

  private void manyStreams(TargetStats s) throws Exception {
    List<Long> pid = pids.get(s.target.name());
    if (pid != null) {
      s.rssBeforeKiB = rss(pid);
      if (s.target.name().equals(SLUICE)) {
        s.heapBeforeBytes = sluiceHeap();
      }
    }
    Duration span = Duration.ofMillis(profile.manyIntervalMs() * profile.manyEvents());
    Duration rampLimit = Duration.ofSeconds(120);
    Duration timeLimit = rampLimit.plus(span).plusSeconds(30);
    StreamPlan plan =
        new StreamPlan(
            profile.manyStreams(), profile.manyEvents(), profile.manyIntervalMs(), 0, 64, 256, true, timeLimit);
    awaitBackendIdle();
    // Streams wait at the backend's gate until all are open, so all of them are live together.
    await(backend.gate(false), Duration.ofSeconds(10));
    long rampStart = System.nanoTime();
    StreamRun run = client.streams(s.target, plan);
    try {
      await(run.allOpen(), rampLimit);
      s.rampMillis = (System.nanoTime() - rampStart) / 1_000_000;
      await(backend.gate(true), Duration.ofSeconds(10));
      // Let a couple of events pass on every stream, then sample while all of them are open.
      Thread.sleep(Math.min(2_500, span.toMillis() / 3));
      s.openAtSample = (int) await(backend.stats(), Duration.ofSeconds(10)).openStreams();
      if (pid != null) {
        s.rssDuringKiB = rss(pid);
        if (s.target.name().equals(SLUICE)) {
          s.heapDuringBytes = sluiceHeap();
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      log.printf(Locale.ROOT, "%d streams %s: not all streams opened: %s%n", profile.manyStreams(), s.target.name(),
          e instanceof ExecutionException ? e.getCause() : e);
    } finally {
      await(backend.gate(true), Duration.ofSeconds(10));
    }
    s.many = await(run.done(), timeLimit.plusSeconds(10));
    log.printf(Locale.ROOT, "%d streams %-6s opened in %d ms, %d open at sample, completed %d sent %d "
            + "received %d rss %s -> %s KiB%n",
        profile.manyStreams(), s.target.name(), s.rampMillis, s.openAtSample, s.many.completed(), s.many.sent(),
        s.many.received(), str(s.rssBeforeKiB), str(s.rssDuringKiB));
  }

  /** Resident memory of several processes and their children, summed; empty if any is gone. */
  private static OptionalLong rss(List<Long> processes) {
    long total = 0;
    for (long pid : processes) {
      OptionalLong one = ProcessMemory.treeRssKiB(pid);
      if (one.isEmpty()) {
        return one;
      }
      total += one.getAsLong();
    }
    return OptionalLong.of(total);
  }

  /** Live heap of the Sluice processes after a full GC, from their admin ports; empty if unavailable. */
  private OptionalLong sluiceHeap() throws InterruptedException {
    if (sluiceAdminPorts.isEmpty()) {
      return OptionalLong.empty();
    }
    HttpClientAgent http = clientVertx.createHttpClient();
    try {
      long total = 0;
      for (int port : sluiceAdminPorts) {
        RequestOptions request =
            new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI("/heap");
        String body =
            await(http.request(request).compose(r -> r.send()).compose(r -> r.body()), Duration.ofSeconds(30))
                .toString().trim();
        total += Long.parseLong(body);
      }
      return OptionalLong.of(total);
    } catch (ExecutionException | TimeoutException | NumberFormatException e) {
      log.printf(Locale.ROOT, "heap sample failed: %s%n", e);
      return OptionalLong.empty();
    } finally {
      http.close();
    }
  }

  // ---------------------------------------------------------------- report

  private String report(String workers) {
    StringBuilder md = new StringBuilder();
    TargetStats direct = stats.get(DIRECT);
    TargetStats sluice = stats.get(SLUICE);
    TargetStats nginx = stats.get(NGINX);
    md.append(String.format(Locale.ROOT,
        "Profile `%s`: %d interleaved rounds per scenario, targets %s; each proxy ran as %s single-threaded "
            + "process(es) (nginx workers; Sluice JVMs with one event loop each); the load client and the backend "
            + "are two more JVMs with one event loop each.%n%n",
        profile.name(), profile.rounds(), String.join(", ", stats.keySet()), workers));

    md.append(String.format(Locale.ROOT,
        "### Per-event latency: %d streams, one event every %d ms, %d s per round%n%n",
        profile.latencyStreams(), profile.latencyIntervalMs(), profile.latencyDuration().toSeconds()));
    md.append("| target | events sent | received | lost | p50 ms | p99 ms | p99.9 ms | max ms | added p50 ms | added p99 ms |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (TargetStats s : stats.values()) {
      LatencyHistogram h = s.latency;
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %s | %s |%n",
          s.target.name(), s.latencySent, s.latencyReceived, s.latencySent - s.latencyReceived,
          ms(h.percentile(50)), ms(h.percentile(99)), ms(h.percentile(99.9)), ms(h.max()),
          added(s, direct, 50), added(s, direct, 99)));
    }
    md.append('\n');

    md.append(String.format(Locale.ROOT,
        "### Maximum events/s: %d streams sending as fast as backpressure allows, %d s per round%n%n",
        profile.floodStreams(), profile.floodDuration().toSeconds()));
    md.append("| target | events/s (median) | per round | sent | received | lost | vs direct |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|\n");
    for (TargetStats s : stats.values()) {
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %d | %d | %d | %s |%n", s.target.name(),
          median(s.floodRates), rounds(s.floodRates), s.floodSent, s.floodReceived, s.floodSent - s.floodReceived,
          ratio(median(s.floodRates), median(direct.floodRates))));
    }
    md.append('\n');

    md.append(String.format(Locale.ROOT,
        "### Plain requests: %d keep-alive connections, one request at a time each, %d s per round "
            + "(proxies run the 5-policy pipeline)%n%n",
        profile.plainConnections(), profile.plainDuration().toSeconds()));
    md.append("| target | req/s (median) | per round | p50 ms | p99 ms | failed | vs nginx |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|\n");
    for (TargetStats s : stats.values()) {
      md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.3f | %.3f | %d | %s |%n", s.target.name(),
          median(s.plainRates), rounds(s.plainRates), ms(s.plainLatency.percentile(50)),
          ms(s.plainLatency.percentile(99)), s.plainFailed,
          nginx == null ? "n/a" : ratio(median(s.plainRates), median(nginx.plainRates))));
    }
    md.append('\n');

    md.append(String.format(Locale.ROOT,
        "### %,d concurrent streams: one event every %d ms, %d events each%n%n", profile.manyStreams(),
        profile.manyIntervalMs(), profile.manyEvents()));
    md.append("| target | completed | events expected | sent | received | lost | opened in s | open at sample | "
        + "RSS before MiB | RSS with streams MiB | RSS KiB/stream | live heap KiB/stream | p99 ms |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (TargetStats s : stats.values()) {
      StreamResult r = s.many;
      if (r == null) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %.1f | %d | %s | %s | %s | %s | %.3f |%n",
          s.target.name(), r.completed(), r.expectedEvents(), r.sent(), r.received(), r.lost(), s.rampMillis / 1000.0,
          s.openAtSample,
          mib(s.rssBeforeKiB), mib(s.rssDuringKiB), perStream(s.rssBeforeKiB, s.rssDuringKiB, 1, r.streams()),
          perStream(s.heapBeforeBytes, s.heapDuringBytes, 1024, r.streams()), ms(r.latency().percentile(99))));
    }
    md.append('\n');

    md.append("### Goals\n\n");
    if (sluice == null || nginx == null) {
      md.append("Not evaluated: the run did not include both Sluice and nginx.\n");
    } else {
      double sluiceAdded = ms(sluice.latency.percentile(99)) - ms(direct.latency.percentile(99));
      double nginxAdded = ms(nginx.latency.percentile(99)) - ms(direct.latency.percentile(99));
      double plainRatio = median(sluice.plainRates) / median(nginx.plainRates);
      boolean manyOk = sluice.many != null && sluice.many.lost() == 0
          && sluice.many.received() == sluice.many.expectedEvents();
      md.append(String.format(Locale.ROOT,
          "- Added p99 per-event latency, Sluice %.3f ms vs nginx %.3f ms: %s%n", sluiceAdded, nginxAdded,
          sluiceAdded <= nginxAdded ? "met" : "NOT met"));
      md.append(String.format(Locale.ROOT, "- Plain requests/s, Sluice / nginx = %.2fx (goal >= 0.80x): %s%n",
          plainRatio, plainRatio >= 0.8 ? "met" : "NOT met"));
      md.append(String.format(Locale.ROOT, "- %,d streams through Sluice, nothing lost: %s%n",
          profile.manyStreams(), manyOk ? "met" : "NOT met"));
    }
    return md.toString();
  }

  private static String added(TargetStats s, TargetStats direct, double percentile) {
    if (s == direct) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.3f",
        ms(s.latency.percentile(percentile)) - ms(direct.latency.percentile(percentile)));
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

  private static String str(OptionalLong value) {
    return value.isEmpty() ? "n/a" : Long.toString(value.getAsLong());
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

  private static Duration limit(Duration duration) {
    return duration.multipliedBy(2).plusSeconds(15);
  }

  static <T> T await(Future<T> future, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static List<Long> longs(String commaSeparated) {
    List<Long> values = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      values.add(Long.parseLong(part.trim()));
    }
    return values;
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  private static Map<String, String> parse(String[] args) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      if (name.equals("quick")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("missing value for " + arg);
      }
    }
    return options;
  }
}
