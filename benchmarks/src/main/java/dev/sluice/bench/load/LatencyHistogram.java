package dev.sluice.bench.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * A fixed-size log-linear histogram of non-negative values (nanoseconds here).
 *
 * <p>Values below 256 are kept exactly; above, each power of two is split into 128 buckets, so a
 * reported percentile is within 1/128 (under 0.8 %) of the true value, always at or above it.
 * Values above about 2^40 (18 minutes in nanoseconds) are counted in the last bucket; negative
 * values are counted as zero. Memory is constant (about 35 KiB) whatever the number of values.
 *
 * <p>Thread-safe: {@link #record} may be called from any number of threads at once.
 */
final class LatencyHistogram {
  private static final int SUB_BITS = 7;
  private static final int SUB_COUNT = 1 << SUB_BITS;
  private static final int MAX_SHIFT = 33;
  private static final int BUCKETS = (MAX_SHIFT + 2) * SUB_COUNT;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong total = new AtomicLong();
  private final AtomicLong sum = new AtomicLong();
  private final LongAccumulator max = new LongAccumulator(Math::max, 0);

  /** Counts one value. */
  void record(long value) {
    long v = Math.max(0, value);
    counts.incrementAndGet(index(v));
    total.incrementAndGet();
    sum.addAndGet(v);
    max.accumulate(v);
  }

  /** Adds every value counted by {@code other} to this histogram. */
  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      long c = other.counts.get(i);
      if (c != 0) {
        counts.addAndGet(i, c);
      }
    }
    total.addAndGet(other.total.get());
    sum.addAndGet(other.sum.get());
    max.accumulate(other.max.get());
  }

  long count() {
    return total.get();
  }

  /** The largest value recorded, exactly; 0 when empty. */
  long max() {
    return max.get();
  }

  /** The mean of the recorded values (clamped as described above); 0 when empty. */
  double mean() {
    long n = total.get();
    return n == 0 ? 0 : (double) sum.get() / n;
  }

  /**
   * The value at {@code percentile} (0 to 100]: the smallest bucket bound below which at least that
   * share of values lies, never above {@link #max()}; 0 when empty.
   */
  long percentile(double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
    }
    long n = total.get();
    if (n == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts.get(i);
      if (seen >= rank) {
        return Math.min(highestValue(i), max.get());
      }
    }
    return max.get();
  }

  static int index(long value) {
    int msb = 63 - Long.numberOfLeadingZeros(value | 1);
    int shift = Math.max(0, msb - SUB_BITS);
    if (shift > MAX_SHIFT) {
      return BUCKETS - 1;
    }
    return shift * SUB_COUNT + (int) (value >>> shift);
  }

  /** The largest value that falls into bucket {@code index}. */
  static long highestValue(int index) {
    if (index < 2 * SUB_COUNT) {
      return index;
    }
    int shift = index / SUB_COUNT - 1;
    long sub = index - (long) shift * SUB_COUNT;
    return ((sub + 1) << shift) - 1;
  }
}
