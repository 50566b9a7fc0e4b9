package dev.sluice.bench.load;

import dev.sluice.bench.load.LoadClient.PlainResult;
import dev.sluice.bench.load.LoadClient.StreamPlan;
import dev.sluice.bench.load.LoadClient.StreamResult;
import dev.sluice.bench.load.LoadClient.StreamRun;
import dev.sluice.bench.load.LoadClient.Target;
import dev.sluice.bench.load.LoadReport.ScenarioLog;
import dev.sluice.bench.load.RunEnvironment.JvmOptions;
import dev.sluice.bench.load.TcpPorts.PortRange;
import dev.sluice.bench.load.TcpPorts.PortUse;
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
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The load benchmark's driver: runs the load client in this JVM against a running {@link
 * LoadBackend} and the proxies, and writes a Markdown report ({@link LoadReport}). {@code
 * benchmarks/load/run.sh} starts the backend and the proxies and passes their ports and process ids.
 *
 * <p>Each scenario runs in two parts: a warm-up, the same for every target (that scenario's load,
 * unmeasured), then the measured rounds, interleaved over the targets (direct, sluice, nginx,
 * direct, ...) so that drift in the machine's load falls on all of them alike. A step (one warm-up
 * or round of one target) that fails, because a run timed out, a process died or nothing came back,
 * is recorded with its reason as that target's result for the scenario, and the run goes on with
 * the other targets and scenarios. Before each 10,000-stream run it waits until earlier runs leave
 * enough local ports and open files (see {@link #awaitRoom}). The report is always written; the
 * exit status is 1 when anything failed.
 *
 * <p>Arguments: {@code --backend-control-port P --direct-port P} (required; the backend's port for
 * control calls and the one the client reaches directly), {@code --backend-pid PID}, {@code
 * --sluice-ports P,P --sluice-pids PID,PID --sluice-backend-port P [--sluice-admin-ports P,P]},
 * {@code --nginx-port P --nginx-pid PID --nginx-backend-port P [--nginx-version TEXT]}, {@code
 * --quick}, {@code --scenarios latency,max-rate,plain,streams} (default all), {@code --out FILE},
 * {@code --workers N} (how many single-threaded processes each proxy ran as, for the report), {@code
 * --clock-ticks N} (CLK_TCK, default 100), {@code --time-limit SECONDS} (the driver starts no step
 * that would end after it, and cuts waits at it, so that it can still write its report). A target
 * without a port is skipped.
 */
public final class LoadBenchmark {
  /** The longest wait for local ports and open files before a run that opens thousands of connections. */
  private static final Duration ROOM_WAIT_LIMIT = Duration.ofSeconds(90);
  /** Local ports kept spare beyond what a run needs. */
  private static final int PORT_MARGIN = 1_000;
  /** Open files kept spare in a process beyond what a run needs. */
  private static final int FILE_MARGIN = 500;
  private static final Duration RAMP_LIMIT = Duration.ofSeconds(120);
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

  private final LoadProfile profile;
  private final Vertx clientVertx;
  private final BackendControl backend;
  private final Optional<Long> backendPid;
  private final LoadClient client;
  private final List<TargetStats> targets;
  private final List<Integer> sluiceAdminPorts;
  private final Set<Scenario> scenarios;
  private final long deadlineNanos;
  private final Duration timeLimit;
  private final List<ScenarioLog> logs = new ArrayList<>();
  private final PrintStream log = System.out;
  private Optional<String> aborted = Optional.empty();

  private LoadBenchmark(
      LoadProfile profile, Vertx clientVertx, BackendControl backend, Optional<Long> backendPid,
      List<TargetStats> targets, List<Integer> sluiceAdminPorts, Set<Scenario> scenarios, Duration timeLimit) {
    this.profile = profile;
    this.clientVertx = clientVertx;
    this.backend = backend;
    this.backendPid = backendPid;
    this.client = new LoadClient(clientVertx, backend);
    this.targets = List.copyOf(targets);
    this.sluiceAdminPorts = List.copyOf(sluiceAdminPorts);
    this.scenarios = Collections.unmodifiableSet(EnumSet.copyOf(scenarios));
    this.timeLimit = timeLimit;
    this.deadlineNanos = System.nanoTime() + timeLimit.toNanos();
  }

  /** A step that could not be completed; the message says why, for the report. */
  private static final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailed(String reason) {
      super(reason, null, false, false);
    }
  }

  /** One warm-up or measured round of one target. */
  private interface Step {
    void run() throws StepFailed, InterruptedException;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    LoadProfile profile = options.containsKey("quick") ? LoadProfile.quick() : LoadProfile.full();
    int controlPort = Integer.parseInt(require(options, "backend-control-port"));
    int directPort = Integer.parseInt(require(options, "direct-port"));
    Optional<Long> backendPid = Optional.ofNullable(options.get("backend-pid")).map(Long::parseLong);
    Path out = Path.of(options.getOrDefault("out", "benchmarks/load/results-latest.md"));
    int workers = Integer.parseInt(options.getOrDefault("workers", "1"));
    long clockTicks = Long.parseLong(options.getOrDefault("clock-ticks", "100"));
    Duration timeLimit = Duration.ofSeconds(Long.parseLong(options.getOrDefault("time-limit", "86400")));
    Set<Scenario> scenarios =
        options.containsKey("scenarios") ? Scenario.parse(options.get("scenarios")) : EnumSet.allOf(Scenario.class);

    List<TargetStats> targets = new ArrayList<>();
    List<JvmOptions> jvms = new ArrayList<>();
    targets.add(new TargetStats(new Target(LoadReport.DIRECT, List.of(directPort)), backendPid.stream().toList(),
        OptionalInt.empty()));
    backendPid.ifPresent(pid -> jvms.addAll(
        RunEnvironment.describe("backend", List.of(pid), List.of(RunEnvironment.jvmOptions(pid)))));
    if (options.containsKey("sluice-ports")) {
      List<Long> pids = longs(require(options, "sluice-pids"));
      targets.add(new TargetStats(new Target(LoadReport.SLUICE, ints(options.get("sluice-ports"))), pids,
          OptionalInt.of(Integer.parseInt(require(options, "sluice-backend-port")))));
      jvms.addAll(RunEnvironment.describe("sluice", pids, pids.stream().map(RunEnvironment::jvmOptions).toList()));
    }
    if (options.containsKey("nginx-port")) {
      targets.add(new TargetStats(new Target(LoadReport.NGINX, ints(options.get("nginx-port"))),
          longs(require(options, "nginx-pid")),
          OptionalInt.of(Integer.parseInt(require(options, "nginx-backend-port")))));
    }
    jvms.add(new JvmOptions("load client", RunEnvironment.ownJvmOptions()));
    Optional<String> nginxVersion =
        options.containsKey("nginx-port")
            ? Optional.of(options.getOrDefault("nginx-version", "n/a").replaceFirst("^nginx version:\\s*", ""))
            : Optional.empty();
    RunEnvironment environment = RunEnvironment.gather(nginxVersion, jvms);
    List<Integer> adminPorts =
        options.containsKey("sluice-admin-ports") ? ints(options.get("sluice-admin-ports")) : List.of();

    // The client on one event loop; the backend is its own process (see LoadBackend).
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    BackendControl backend = new BackendControl(clientVertx, controlPort);
    LoadBenchmark benchmark =
        new LoadBenchmark(profile, clientVertx, backend, backendPid, targets, adminPorts, scenarios, timeLimit);
    try {
      benchmark.execute();
    } finally {
      closeQuietly(backend.close());
      closeQuietly(clientVertx.close());
    }

    LoadReport report =
        new LoadReport(environment, profile, workers, clockTicks, targets, benchmark.logs, benchmark.aborted);
    String text = report.render();
    System.out.println();
    System.out.println(text);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, text, StandardCharsets.UTF_8);
    System.out.println("Report written to " + out);
    List<String> failures = report.failures();
    if (!failures.isEmpty()) {
      System.out.println(failures.size() + " failure(s):");
      failures.forEach(f -> System.out.println("  " + f));
    }
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  /** Runs every chosen scenario; records, instead of throwing, whatever stops a step or the run. */
  private void execute() {
    try {
      log.printf(Locale.ROOT, "profile %s, targets %s, scenarios %s, time limit %d s%n", profile.name(),
          targets.stream().map(TargetStats::name).toList(), scenarios, timeLimit.toSeconds());
      awaitControl();
      checkClock();
      for (TargetStats s : targets) {
        awaitReachable(s);
      }
      for (Scenario scenario : Scenario.values()) {
        if (scenarios.contains(scenario)) {
          runScenario(scenario);
        }
      }
    } catch (StepFailed e) {
      aborted = Optional.of(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      aborted = Optional.of("interrupted");
    } catch (RuntimeException e) {
      aborted = Optional.of(e.toString());
    }
    aborted.ifPresent(reason -> log.printf(Locale.ROOT, "run aborted: %s%n", reason));
  }

  private void runScenario(Scenario scenario) throws InterruptedException {
    double loadStart = RunEnvironment.loadAverage();
    long start = System.nanoTime();
    log.printf(Locale.ROOT, "%s: warm-up per target: %s; load average %.2f%n", scenario.key(),
        profile.warmup(scenario), loadStart);
    for (TargetStats s : targets) {
      step(scenario, s, "warm-up", true, () -> warmup(scenario, s));
    }
    int rounds = scenario == Scenario.STREAMS ? 1 : profile.rounds();
    for (int round = 1; round <= rounds; round++) {
      int r = round;
      for (TargetStats s : targets) {
        step(scenario, s, rounds == 1 ? "run" : "round " + round, false, () -> measure(scenario, s, r));
      }
    }
    double loadEnd = RunEnvironment.loadAverage();
    long millis = (System.nanoTime() - start) / 1_000_000;
    logs.add(new ScenarioLog(scenario, loadStart, loadEnd, millis));
    log.printf(Locale.ROOT, "%s: done in %.0f s; load average %.2f -> %.2f%n", scenario.key(), millis / 1000.0,
        loadStart, loadEnd);
  }

  /**
   * Runs one step of one target unless the target already failed this scenario, one of its
   * processes is gone, or the step would not end within the run's time limit; records why it did
   * not run or failed.
   */
  private void step(Scenario scenario, TargetStats s, String label, boolean warmup, Step body)
      throws InterruptedException {
    if (s.failed(scenario)) {
      return;
    }
    Optional<String> reason = goneProcess(s);
    if (reason.isEmpty() && System.nanoTime() + profile.expected(scenario, warmup).toNanos() > deadlineNanos) {
      reason = Optional.of("skipped: it would not end within the run's time limit of " + timeLimit.toSeconds() + " s");
    }
    if (reason.isEmpty()) {
      try {
        body.run();
      } catch (StepFailed e) {
        reason = Optional.of(e.getMessage());
      } catch (RuntimeException e) {
        reason = Optional.of(e.toString());
      }
      if (reason.isEmpty()) {
        reason = goneProcess(s);
      }
    }
    reason.ifPresent(why -> {
      s.fail(scenario, label + ": " + why);
      log.printf(Locale.ROOT, "%s %s %s FAILED: %s%n", scenario.key(), label, s.name(), why);
    });
  }

  /** Why a process of this target (or the backend) no longer runs; empty when all run. */
  private Optional<String> goneProcess(TargetStats s) {
    if (backendPid.isPresent() && !alive(backendPid.get())) {
      return Optional.of("the backend process (pid " + backendPid.get() + ") exited");
    }
    for (long pid : s.pids) {
      if (!alive(pid)) {
        return Optional.of("process " + pid + " of " + s.name() + " exited");
      }
    }
    return Optional.empty();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Runs a scenario's warm-up on one target; logs its result, which shows whether it was still warming. */
  private void warmup(Scenario scenario, TargetStats s) throws StepFailed, InterruptedException {
    switch (scenario) {
      case LATENCY -> {
        long setupStart = System.nanoTime();
        StreamResult first = null;
        StreamResult last = null;
        for (int run = 1; run <= profile.latencySetupRuns(); run++) {
          last = setupRun(s.target);
          requireEvents(last);
          first = first == null ? last : first;
        }
        if (last != null) {
          log.printf(Locale.ROOT,
              "latency warm-up %-6s %d set-up runs in %.1f s: p99 of the one event per stream, first run %.3f ms,"
                  + " last run %.3f ms%n",
              s.name(), profile.latencySetupRuns(), (System.nanoTime() - setupStart) / 1e9,
              ms(first.latency().percentile(99)), ms(last.latency().percentile(99)));
        }
        int runs = profile.latencyWarmupRuns();
        for (int run = 1; run <= runs; run++) {
          StreamResult r = latencyRun(s.target, profile.latencyWarmupPiece());
          requireEvents(r);
          if (run == 1 || run == runs) {
            log.printf(Locale.ROOT, "latency warm-up %-6s run %d of %d: p50 %.3f ms p99 %.3f ms%n",
                s.name(), run, runs, ms(r.latency().percentile(50)), ms(r.latency().percentile(99)));
          }
        }
      }
      case MAX_RATE -> {
        StreamResult r = floodRun(s.target, profile.floodWarmup());
        requireEvents(r);
        log.printf(Locale.ROOT, "max-rate warm-up %-6s %.0f events/s%n", s.name(), r.eventsPerSecond());
      }
      case PLAIN -> {
        PlainResult r = plainRun(s.target, profile.plainWarmup());
        requireAnswers(r);
        log.printf(Locale.ROOT, "plain warm-up %-6s %.0f req/s p99 %.3f ms%n", s.name(), r.requestsPerSecond(),
            ms(r.latency().percentile(99)));
      }
      case STREAMS -> manyStreams(s, profile.manyWarmupStreams(), profile.manyWarmupEvents(), false);
    }
  }

  private void measure(Scenario scenario, TargetStats s, int round) throws StepFailed, InterruptedException {
    switch (scenario) {
      case LATENCY -> {
        OptionalLong cpuBefore = cpu(s);
        StreamResult r = latencyRun(s.target, profile.latencyDuration());
        s.latencyCpu.add(cpuBefore, cpu(s));
        requireEvents(r);
        s.latency.add(r.latency());
        s.latencySent += r.sent();
        s.latencyReceived += r.received();
        s.latencyFailedStreams += r.failed();
        s.latencyOutOfOrder += r.outOfOrder();
        log.printf(Locale.ROOT, "latency round %d %-6s p50 %.3f ms p99 %.3f ms sent %d received %d%n", round,
            s.name(), ms(r.latency().percentile(50)), ms(r.latency().percentile(99)), r.sent(), r.received());
        log.printf(Locale.ROOT, "latency round %d %-6s p99 ms per second: %s%n", round, s.name(), perSecond(r));
      }
      case MAX_RATE -> {
        OptionalLong cpuBefore = cpu(s);
        StreamResult r = floodRun(s.target, profile.floodDuration());
        s.floodCpu.add(cpuBefore, cpu(s));
        requireEvents(r);
        s.floodRates.add(r.eventsPerSecond());
        s.floodSent += r.sent();
        s.floodReceived += r.received();
        log.printf(Locale.ROOT, "max-rate round %d %-6s %.0f events/s sent %d received %d%n", round, s.name(),
            r.eventsPerSecond(), r.sent(), r.received());
      }
      case PLAIN -> {
        OptionalLong cpuBefore = cpu(s);
        PlainResult r = plainRun(s.target, profile.plainDuration());
        s.plainCpu.add(cpuBefore, cpu(s));
        requireAnswers(r);
        s.plainLatency.add(r.latency());
        s.plainRates.add(r.requestsPerSecond());
        s.plainOk += r.ok();
        s.plainFailed += r.failed();
        log.printf(Locale.ROOT, "plain round %d %-6s %.0f req/s p99 %.3f ms failed %d%n", round, s.name(),
            r.requestsPerSecond(), ms(r.latency().percentile(99)), r.failed());
      }
      case STREAMS -> manyStreams(s, profile.manyStreams(), profile.manyEvents(), true);
    }
  }

  /** The p99 of each second of a run that received events, in milliseconds, for the log. */
  private static String perSecond(StreamResult r) {
    StringBuilder line = new StringBuilder();
    for (LatencyHistogram second : r.latencyPerSecond()) {
      if (second.count() > 0) {
        line.append(line.length() == 0 ? "" : " ")
            .append(String.format(Locale.ROOT, "%.1f", ms(second.percentile(99))));
      }
    }
    return line.toString();
  }

  private static void requireEvents(StreamResult r) throws StepFailed {
    if (r.received() == 0) {
      throw new StepFailed("no event received (" + r.failed() + " of " + r.streams() + " streams failed)");
    }
  }

  private static void requireAnswers(PlainResult r) throws StepFailed {
    if (r.ok() == 0) {
      throw new StepFailed("no request answered (" + r.failed() + " failed)");
    }
  }

  // ---------------------------------------------------------------- runs

  private StreamResult latencyRun(Target target, Duration duration) throws StepFailed, InterruptedException {
    long events = Math.max(1, duration.toMillis() / profile.latencyIntervalMs());
    return latencyStreams("latency run", target, events, limit(duration), true);
  }

  /** A latency warm-up run that sets streams up: each carries one event and ends. */
  private StreamResult setupRun(Target target) throws StepFailed, InterruptedException {
    Duration limit = limit(Duration.ofMillis(profile.latencyIntervalMs()));
    return latencyStreams("latency set-up run", target, 1, limit, false);
  }

  /** The latency scenario's streams, all opened at once, {@code events} each. */
  private StreamResult latencyStreams(String what, Target target, long events, Duration limit, boolean perSecond)
      throws StepFailed, InterruptedException {
    int streams = profile.latencyStreams();
    StreamPlan plan =
        new StreamPlan(streams, events, profile.latencyIntervalMs(), 0, 64, streams, false, limit, perSecond);
    return streamRun(what, target, plan);
  }

  private StreamResult floodRun(Target target, Duration duration) throws StepFailed, InterruptedException {
    StreamPlan plan =
        new StreamPlan(
            profile.floodStreams(), 50_000_000L, 0, duration.toMillis(), 64, 16, false, limit(duration), false);
    return streamRun("max-rate run", target, plan);
  }

  private PlainResult plainRun(Target target, Duration duration) throws StepFailed, InterruptedException {
    return await("plain run", client.plain(target, profile.plainConnections(), duration, limit(duration)),
        limit(duration).plusSeconds(10));
  }

  private StreamResult streamRun(String what, Target target, StreamPlan plan) throws StepFailed, InterruptedException {
    awaitBackendIdle();
    StreamRun run = client.streams(target, plan);
    try {
      return await(what, run.done(), plan.timeLimit().plusSeconds(10));
    } catch (StepFailed e) {
      run.stop().run();
      throw e;
    }
  }

  /**
   * Opens {@code streams} streams held at the backend's gate, so that all are live together, then
   * lets every stream send {@code events} events. Measured: waits for room first, samples
   * memory before and while all are open, and keeps the result.
   */
  private void manyStreams(TargetStats s, int streams, long events, boolean measured)
      throws StepFailed, InterruptedException {
    if (measured) {
      awaitRoom(s, streams);
      s.rssBeforeKiB = rss(s.pids);
      if (s.name().equals(LoadReport.SLUICE)) {
        s.heapBeforeBytes = sluiceHeap();
      }
    }
    Duration span = Duration.ofMillis(profile.manyIntervalMs() * events);
    Duration runLimit = RAMP_LIMIT.plus(span).plusSeconds(30);
    StreamPlan plan =
        new StreamPlan(streams, events, profile.manyIntervalMs(), 0, 64, 256, true, runLimit, false);
    awaitBackendIdle();
    // Streams wait at the backend's gate until all are open, so all of them are live together.
    await("closing the backend's gate", backend.gate(false), CONTROL_TIMEOUT);
    long rampStart = System.nanoTime();
    StreamRun run = client.streams(s.target, plan);
    StreamResult r;
    long rampMillis;
    try {
      try {
        await("opening the streams", run.allOpen(), RAMP_LIMIT);
      } catch (StepFailed e) {
        throw new StepFailed(String.format(Locale.ROOT, "%,d of %,d streams opened in %.0f s; %s",
            run.opened().getAsInt(), streams, (System.nanoTime() - rampStart) / 1e9, e.getMessage()));
      }
      rampMillis = (System.nanoTime() - rampStart) / 1_000_000;
      if (measured && s.name().equals(LoadReport.SLUICE)) {
        // The live heap with every stream open, sampled before any event flows: the sample runs
        // full collections, whose pause would otherwise delay events and show up as latency.
        s.heapDuringBytes = sluiceHeap();
      }
      await("opening the backend's gate", backend.gate(true), CONTROL_TIMEOUT);
      if (measured) {
        // Let a couple of events pass on every stream, then sample while all of them are open.
        pause(Duration.ofMillis(Math.min(2_500, span.toMillis() / 3)));
        s.openAtSample = (int) await("backend stats", backend.stats(), CONTROL_TIMEOUT).openStreams();
        s.rssDuringKiB = rss(s.pids);
      }
      r = await("the streams to end", run.done(), runLimit.plusSeconds(10));
    } catch (StepFailed e) {
      run.stop().run();
      throw e;
    } finally {
      // Whatever happened, do not leave later streams waiting at a closed gate, even past the time limit.
      try {
        backend.gate(true).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        log.printf(Locale.ROOT, "could not reopen the backend's gate: %s%n", e);
      }
    }
    requireEvents(r);
    if (measured) {
      s.many = r;
      s.rampMillis = rampMillis;
    }
    log.printf(Locale.ROOT, "%d streams %-6s%s opened in %d ms, completed %d sent %d received %d%s%n",
        streams, s.name(), measured ? "" : " (warm-up)", rampMillis, r.completed(), r.sent(), r.received(),
        measured
            ? ", " + s.openAtSample + " open at sample, rss " + str(s.rssBeforeKiB) + " -> " + str(s.rssDuringKiB)
                + " KiB"
            : "");
  }

  /** One resource checked before a large run: what it looks like, and whether the run fits. */
  private record Room(String state, boolean fits) {}

  /**
   * Waits, at most {@link #ROOM_WAIT_LIMIT}, until what earlier runs left behind leaves room for
   * {@code streams} new connections: local ports towards each of the target's ports (from the
   * client) and towards its backend port (from a proxy), which closed connections hold for 60 s in
   * TIME_WAIT; and open files in the backend and in this process, which a proxy's idle keep-alive
   * connections to the backend hold until its pool closes them. Records how long it waited.
   */
  private void awaitRoom(TargetStats s, int streams) throws StepFailed, InterruptedException {
    Map<Integer, Integer> needed = new LinkedHashMap<>();
    int perPort = (streams + s.target.ports().size() - 1) / s.target.ports().size();
    s.target.ports().forEach(port -> needed.merge(port, perPort, Integer::sum));
    s.backendPort.ifPresent(port -> needed.merge(port, streams, Integer::sum));
    long start = System.nanoTime();
    List<Room> rooms = rooms(needed, streams);
    boolean waited = false;
    while (!rooms.stream().allMatch(Room::fits) && System.nanoTime() - start < ROOM_WAIT_LIMIT.toNanos()) {
      waited = true;
      pause(Duration.ofSeconds(1));
      rooms = rooms(needed, streams);
    }
    // Reading the socket tables takes a while with thousands of sockets; that alone is no wait.
    s.roomWaitMillis = waited ? (System.nanoTime() - start) / 1_000_000 : 0;
    s.roomReached = rooms.stream().allMatch(Room::fits);
    log.printf(Locale.ROOT, "%s: waited %.1f s for ports and files%s: %s%n", s.name(), s.roomWaitMillis / 1000.0,
        s.roomReached ? "" : ", still short", rooms.stream().map(Room::state).collect(Collectors.joining("; ")));
  }

  private List<Room> rooms(Map<Integer, Integer> neededPorts, int streams) {
    List<Room> rooms = new ArrayList<>();
    try {
      PortRange range = TcpPorts.readRange();
      for (PortUse u : TcpPorts.use(TcpPorts.read(), neededPorts)) {
        rooms.add(new Room(String.format(Locale.ROOT, "to :%d %d local ports held (%d in TIME_WAIT), %d needed of %d",
            u.port(), u.held(), u.timeWait(), u.needed(), range.size()), u.fits(range, PORT_MARGIN)));
      }
    } catch (IOException | IllegalArgumentException e) {
      // Not Linux, or /proc not readable: the run goes ahead without this check.
      rooms.add(new Room("local ports not checked: " + e, true));
    }
    Map<String, Long> processes = new LinkedHashMap<>();
    backendPid.ifPresent(pid -> processes.put("backend", pid));
    processes.put("load client", ProcessHandle.current().pid());
    processes.forEach((name, pid) -> {
      OptionalLong open = OpenFiles.count(pid);
      OptionalLong limit = OpenFiles.limit(pid);
      if (open.isPresent() && limit.isPresent()) {
        rooms.add(new Room(String.format(Locale.ROOT, "%s %d files open, %d needed of %d", name, open.getAsLong(),
            streams, limit.getAsLong()), open.getAsLong() + streams + FILE_MARGIN <= limit.getAsLong()));
      }
    });
    return rooms;
  }

  /**
   * Waits (at most 30 s) until the backend has no stream open, so that events still sent on streams
   * of an earlier, cut run are not counted as lost in the next one.
   */
  private void awaitBackendIdle() throws StepFailed, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long open = -1;
    while (true) {
      try {
        open = await("backend stats", backend.stats(), CONTROL_TIMEOUT).openStreams();
      } catch (StepFailed e) {
        // A control call that failed is retried until the deadline; the next one uses a new connection.
        log.printf(Locale.ROOT, "backend stats failed, retrying: %s%n", e.getMessage());
      }
      if (open == 0) {
        return;
      }
      if (System.nanoTime() > deadline) {
        log.printf(Locale.ROOT, "backend still has %d streams open from an earlier run%n", open);
        return;
      }
      pause(Duration.ofMillis(200));
    }
  }

  /** Waits (at most 60 s) until the backend answers control calls; stops the run if it does not. */
  private void awaitControl() throws StepFailed, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        await("backend stats", backend.stats(), CONTROL_TIMEOUT);
        return;
      } catch (StepFailed e) {
        if (System.nanoTime() > deadline) {
          throw new StepFailed("the backend did not answer control calls within 60 s: " + e.getMessage());
        }
      }
      pause(Duration.ofMillis(250));
    }
  }

  /** Waits (at most 60 s) until a target answers /plain; if it does not, it fails every scenario. */
  private void awaitReachable(TargetStats s) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int processes = s.target.ports().size();
    String last = "no answer";
    try {
      while (System.nanoTime() < deadline) {
        try {
          PlainResult probe =
              await("probe", client.plain(s.target, processes, Duration.ofMillis(50), Duration.ofSeconds(5)),
                  CONTROL_TIMEOUT);
          if (probe.failed() == 0 && probe.ok() >= processes) {
            return;
          }
          last = probe.failed() + " of " + (probe.ok() + probe.failed()) + " probes failed";
        } catch (StepFailed e) {
          last = e.getMessage();
        }
        pause(Duration.ofMillis(250));
      }
    } catch (StepFailed e) {
      last = e.getMessage();
    }
    String reason = "did not answer /plain within 60 s before the scenarios (" + last + ")";
    scenarios.forEach(scenario -> s.fail(scenario, reason));
    log.printf(Locale.ROOT, "%s %s%n", s.name(), reason);
  }

  /**
   * Latency compares the backend's send time with this JVM's receive time; that holds only if both
   * read one clock. Checks that every backend reading falls between two local ones.
   */
  private void checkClock() throws StepFailed, InterruptedException {
    for (int i = 0; i < 20; i++) {
      long before = System.nanoTime();
      long remote = await("backend clock", backend.clock(), CONTROL_TIMEOUT);
      long after = System.nanoTime();
      if (remote < before || remote > after) {
        throw new StepFailed(
            "the backend's nanoTime is not this JVM's clock (" + before + " <= " + remote + " <= " + after
                + " fails); per-event latency cannot be measured across these processes");
      }
    }
  }

  // ---------------------------------------------------------------- samples

  /** CPU ticks of a target's processes and their children; empty if unknown. */
  private static OptionalLong cpu(TargetStats s) {
    return s.pids.isEmpty() ? OptionalLong.empty() : ProcessCpu.treeTicks(s.pids);
  }

  /** Resident memory of several processes and their children, summed; empty if any is gone. */
  private static OptionalLong rss(List<Long> processes) {
    if (processes.isEmpty()) {
      return OptionalLong.empty();
    }
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
            await("heap sample", http.request(request).compose(r -> r.send()).compose(r -> r.body()),
                Duration.ofSeconds(30)).toString().trim();
        total += Long.parseLong(body);
      }
      return OptionalLong.of(total);
    } catch (StepFailed | NumberFormatException e) {
      log.printf(Locale.ROOT, "heap sample failed: %s%n", e.getMessage());
      return OptionalLong.empty();
    } finally {
      http.close();
    }
  }

  // ---------------------------------------------------------------- waiting

  /**
   * Waits for {@code future}, at most {@code timeout} and never past the run's time limit; a
   * timeout or a failure becomes a {@link StepFailed} naming {@code what}.
   */
  private <T> T await(String what, Future<T> future, Duration timeout) throws StepFailed, InterruptedException {
    long left = Math.max(0, deadlineNanos - System.nanoTime());
    long wait = Math.min(timeout.toNanos(), left);
    try {
      return future.toCompletionStage().toCompletableFuture().get(wait, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new StepFailed(wait < timeout.toNanos()
          ? what + ": cut at the run's time limit of " + timeLimit.toSeconds() + " s"
          : what + ": no result within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new StepFailed(what + ": " + e.getCause());
    }
  }

  /** Sleeps, but not past the run's time limit. */
  private void pause(Duration duration) throws StepFailed, InterruptedException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new StepFailed("cut at the run's time limit of " + timeLimit.toSeconds() + " s");
    }
    TimeUnit.NANOSECONDS.sleep(Math.min(duration.toNanos(), left));
  }

  private static void closeQuietly(Future<Void> closing) throws InterruptedException {
    try {
      closing.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      System.out.println("close failed: " + e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static String str(OptionalLong value) {
    return value.isEmpty() ? "n/a" : Long.toString(value.getAsLong());
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static Duration limit(Duration duration) {
    return duration.multipliedBy(2).plusSeconds(15);
  }

  private static List<Long> longs(String commaSeparated) {
    List<Long> values = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      values.add(Long.parseLong(part.trim()));
    }
    return values;
  }

  private static List<Integer> ints(String commaSeparated) {
    return longs(commaSeparated).stream().map(Long::intValue).toList();
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  private static Map<String, String> parse(String[] args) {
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
