package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadProfileTest {
  @Test
  void latency_warm_up_sets_up_thousands_of_streams_per_gateway_process() {
    LoadProfile full = LoadProfile.full();
    // Two gateway processes share the streams; each must run stream set-up past the
    // 2,500-3,500 set-ups after which it ran compiled (docs/performance.md, "The latency tail").
    assertThat(full.latencySetupRuns() * full.latencyStreams() / 2).isGreaterThanOrEqualTo(3_500);
    assertThat(full.warmup(Scenario.LATENCY)).contains("80 runs", "100 streams of one event", "30 s", "6 runs");
  }

  @Test
  void latency_warm_up_is_cut_into_pieces_that_open_streams_afresh() {
    assertThat(LoadProfile.full().latencyWarmupRuns()).isEqualTo(6);
    assertThat(LoadProfile.full().latencyWarmupPiece()).isEqualTo(Duration.ofSeconds(5));
    assertThat(LoadProfile.quick().latencyWarmupRuns()).isEqualTo(3);
  }

  @Test
  void latency_warm_up_expectation_counts_the_set_up_runs() {
    LoadProfile full = LoadProfile.full();
    Duration withoutSetUp = full.latencyWarmup().plusSeconds(2L * full.latencyWarmupRuns());
    assertThat(full.expected(Scenario.LATENCY, true))
        .isGreaterThan(withoutSetUp.plusSeconds(full.latencySetupRuns() / 4));
  }
}
