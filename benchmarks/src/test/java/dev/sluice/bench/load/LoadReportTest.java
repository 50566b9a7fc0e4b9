package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.load.LoadClient.StreamResult;
import dev.sluice.bench.load.LoadClient.Target;
import dev.sluice.bench.load.LoadReport.ScenarioLog;
import dev.sluice.bench.load.RunEnvironment.JvmOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoadReportTest {
  private static final RunEnvironment ENVIRONMENT =
      new RunEnvironment("2025-01-02T03:04:05Z", "2 cores (Test CPU), 4.0 GiB memory, Linux 6.1 amd64",
          "OpenJDK 64-Bit Server VM 17.0.15", "nginx/1.22.1", "32768-60999, 28,232 ports",
          List.of(new JvmOptions("sluice (2 JVMs)", List.of("-Xms256m", "-Xmx1g")),
              new JvmOptions("load client", List.of("-Xmx2g"))));
  private static final LoadProfile PROFILE =
      new LoadProfile("quick", 2, 100, 10, 2, Duration.ofSeconds(6), Duration.ofSeconds(4), 4, Duration.ofSeconds(2),
          Duration.ofSeconds(2), 32, Duration.ofSeconds(3), Duration.ofSeconds(3), 10_000, 1000, 8, 1_000, 3);

  private static TargetStats target(String name, int port) {
    return new TargetStats(new Target(name, List.of(port)), List.of(), OptionalInt.empty());
  }

  /** Latency results: every event received, all with the same latency. */
  private static TargetStats withLatency(String name, int port, long latencyNanos) {
    TargetStats s = target(name, port);
    for (int i = 0; i < 200; i++) {
      s.latency.record(latencyNanos);
    }
    s.latencySent = 200;
    s.latencyReceived = 200;
    return s;
  }

  private static String render(List<TargetStats> targets, List<ScenarioLog> logs, Optional<String> aborted) {
    return new LoadReport(ENVIRONMENT, PROFILE, 2, 100, targets, logs, aborted).render();
  }

  /** The table row of a target in the section starting with {@code heading}. */
  private static String row(String report, String heading, String target) {
    String section = report.substring(report.indexOf(heading));
    return section.lines().filter(l -> l.startsWith("| " + target + " |")).findFirst().orElseThrow();
  }

  /** Cells of a Markdown row, not counting an escaped bar. */
  private static int cells(String row) {
    return row.split("(?<!\\\\)\\|", -1).length - 2;
  }

  @Test
  void a_failed_target_gets_a_row_with_its_reason_and_the_others_keep_their_numbers() {
    TargetStats direct = withLatency("direct", 1, 100_000);
    direct.latencyCpu.add(OptionalLong.of(100), OptionalLong.of(102));
    TargetStats sluice = withLatency("sluice", 2, 900_000);
    sluice.fail(Scenario.LATENCY, "round 2: latency run: no result within 23 s");
    TargetStats nginx = withLatency("nginx", 3, 400_000);
    String report = render(List.of(direct, sluice, nginx),
        List.of(new ScenarioLog(Scenario.LATENCY, 1.5, 2.25, 41_000)), Optional.empty());

    String heading = "### Per-event latency";
    String header = report.substring(report.indexOf(heading)).lines().skip(2).findFirst().orElseThrow();
    assertThat(row(report, heading, "sluice"))
        .startsWith("| sluice | **failed**: round 2: latency run: no result within 23 s |")
        .doesNotContain("0.900");
    assertThat(cells(row(report, heading, "sluice"))).isEqualTo(cells(header)).isEqualTo(11);
    // 2 ticks of 1/100 s over 200 events: 100 µs per event.
    assertThat(row(report, heading, "direct"))
        .startsWith("| direct | 200 | 200 | 0 | 0.100 |")
        .endsWith("| - | - | 100.0 |");
    assertThat(row(report, heading, "nginx")).endsWith("| 0.300 | 0.300 | n/a |");
    assertThat(report).contains("**Failures**", "- sluice, latency: round 2: latency run: no result within 23 s");
    assertThat(report).contains("- Added p99 per-event latency no worse than nginx's: not evaluated (sluice failed)");
  }

  @Test
  void the_header_records_machine_versions_jvm_options_warm_ups_and_load_per_scenario() {
    String report = render(List.of(target("direct", 1)),
        List.of(new ScenarioLog(Scenario.PLAIN, 1.5, Double.NaN, 12_400), new ScenarioLog(Scenario.STREAMS, 2, 4, 900)),
        Optional.empty());

    assertThat(report).contains(
        "Profile `quick`, run 2025-01-02T03:04:05Z",
        "- Machine: 2 cores (Test CPU), 4.0 GiB memory",
        "OpenJDK 64-Bit Server VM 17.0.15 (every JVM of the run); nginx: nginx/1.22.1",
        "sluice (2 JVMs) `-Xms256m -Xmx1g`; load client `-Xmx2g`",
        "32768-60999, 28,232 ports",
        "| plain | 3 s of the same load | 2 rounds of 3 s | 1.50 | n/a | 12 |",
        "| streams | 1,000 streams opened the same way, 3 events each | 1 run of 10,000 streams, 8 events each "
            + "| 2.00 | 4.00 | 1 |");
    assertThat(report).doesNotContain("**Failures**", "### Per-event latency", "### Maximum events/s");
  }

  @Test
  void a_failed_stream_run_keeps_the_table_width_and_escapes_the_reason() {
    TargetStats direct = target("direct", 1);
    direct.many =
        new StreamResult(10_000, 10_000, 0, 80_000, 80_000, 80_000, 0, 0, new LatencyHistogram(), List.of(), 1, 1);
    direct.roomWaitMillis = 12_300;
    direct.rampMillis = 7_100;
    TargetStats nginx = target("nginx", 3);
    nginx.fail(Scenario.STREAMS, "run: 7,000 of 10,000 streams opened | cannot assign requested address");
    String report = render(List.of(direct, nginx),
        List.of(new ScenarioLog(Scenario.STREAMS, 2, 3, 60_000)), Optional.empty());

    String heading = "### 10,000 concurrent streams";
    String failed = row(report, heading, "nginx");
    assertThat(failed).contains("7,000 of 10,000 streams opened \\| cannot assign requested address");
    assertThat(cells(failed)).isEqualTo(cells(row(report, heading, "direct"))).isEqualTo(14);
    assertThat(row(report, heading, "direct"))
        .startsWith("| direct | 10000 | 80000 | 80000 | 80000 | 0 | 12.3 | 7.1 |");
  }

  @Test
  void an_aborted_run_still_reports_why() {
    LoadReport report = new LoadReport(ENVIRONMENT, PROFILE, 2, 100, List.of(target("direct", 1)), List.of(),
        Optional.of("the backend did not answer control calls within 60 s"));

    assertThat(report.failures()).containsExactly("run aborted: the backend did not answer control calls within 60 s");
    assertThat(report.render()).contains("- run aborted: the backend did not answer control calls within 60 s");
  }

  @Test
  void a_run_without_failures_has_none_to_report() {
    LoadReport report = new LoadReport(ENVIRONMENT, PROFILE, 2, 100, List.of(withLatency("direct", 1, 5)),
        List.of(new ScenarioLog(Scenario.LATENCY, 1, 1, 1)), Optional.empty());
    assertThat(report.failures()).isEmpty();
    assertThat(report.render()).doesNotContain("**Failures**");
  }
}
