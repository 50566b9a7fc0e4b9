package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void small_values_are_exact() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 1; v <= 100; v++) {
      h.record(v);
    }
    assertThat(h.count()).isEqualTo(100);
    assertThat(h.percentile(50)).isEqualTo(50);
    assertThat(h.percentile(99)).isEqualTo(99);
    assertThat(h.percentile(100)).isEqualTo(100);
    assertThat(h.max()).isEqualTo(100);
    assertThat(h.mean()).isCloseTo(50.5, within(1e-9));
  }

  @Test
  void large_values_are_within_one_percent_and_never_below() {
    LatencyHistogram h = new LatencyHistogram();
    // 1..100_000 microseconds, in nanoseconds, shuffled order does not matter to a histogram.
    for (long us = 100_000; us >= 1; us--) {
      h.record(us * 1_000);
    }
    long p50 = h.percentile(50);
    long p99 = h.percentile(99);
    long p999 = h.percentile(99.9);
    assertThat(p50).isBetween(50_000_000L, (long) (50_000_000L * 1.01));
    assertThat(p99).isBetween(99_000_000L, (long) (99_000_000L * 1.01));
    assertThat(p999).isBetween(99_900_000L, (long) (99_900_000L * 1.01));
    assertThat(h.percentile(100)).isEqualTo(100_000_000L);
  }

  @Test
  void percentile_picks_the_tail_value_not_the_bulk() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 0; i < 990; i++) {
      h.record(1_000_000);
    }
    for (int i = 0; i < 10; i++) {
      h.record(50_000_000);
    }
    assertThat(h.percentile(99)).isBetween(1_000_000L, 1_010_000L);
    assertThat(h.percentile(99.1)).isBetween(50_000_000L, 50_500_000L);
  }

  @Test
  void bucket_bounds_are_continuous_and_cover_every_value() {
    long previousHighest = -1;
    for (int i = 0; i < 35 * 128; i++) {
      long highest = LatencyHistogram.highestValue(i);
      assertThat(highest).isGreaterThan(previousHighest);
      assertThat(LatencyHistogram.index(previousHighest + 1)).isEqualTo(i);
      assertThat(LatencyHistogram.index(highest)).isEqualTo(i);
      previousHighest = highest;
    }
  }

  @Test
  void add_merges_counts_and_max() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.record(10);
    b.record(20);
    b.record(30_000);
    a.add(b);
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.max()).isEqualTo(30_000);
    assertThat(a.percentile(50)).isEqualTo(20);
  }

  @Test
  void negative_values_count_as_zero_and_empty_reports_zero() {
    LatencyHistogram h = new LatencyHistogram();
    assertThat(h.percentile(99)).isZero();
    h.record(-5);
    assertThat(h.percentile(100)).isZero();
    assertThat(h.count()).isEqualTo(1);
  }

  @Test
  void rejects_percentile_out_of_range() {
    LatencyHistogram h = new LatencyHistogram();
    assertThatThrownBy(() -> h.percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
