package dev.sluice.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * State that policies share across exchanges and operations of one loaded gateway: rate-limit
 * windows and concurrency slots. Thread-safe (exchanges run on several event loops). A reload
 * builds new pipelines with new state, so counters start again.
 */
final class SharedState {
  /** Keys kept before expired windows are swept, to bound memory under many distinct keys. */
  private static final int SWEEP_THRESHOLD = 10_000;

  private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AtomicInteger> slots = new ConcurrentHashMap<>();

  /** A fixed window of {@code periodMillis} for {@code key}, started at its first call. */
  Window window(String key, long periodMillis, long nowMillis) {
    if (windows.size() > SWEEP_THRESHOLD) {
      windows.values().removeIf(w -> w.expired(nowMillis));
    }
    return windows.compute(
        key,
        (k, existing) ->
            existing == null || existing.expired(nowMillis) || existing.periodMillis != periodMillis
                ? new Window(nowMillis, periodMillis)
                : existing);
  }

  /** The concurrency counter of {@code key}. */
  AtomicInteger slots(String key) {
    return slots.computeIfAbsent(key, k -> new AtomicInteger());
  }

  /** Calls counted in one renewal period. */
  static final class Window {
    final long startMillis;
    final long periodMillis;
    private final AtomicInteger count = new AtomicInteger();

    Window(long startMillis, long periodMillis) {
      this.startMillis = startMillis;
      this.periodMillis = periodMillis;
    }

    boolean expired(long nowMillis) {
      return nowMillis >= startMillis + periodMillis;
    }

    int count() {
      return count.get();
    }

    /** Adds {@code amount} if the total stays within {@code limit}; the count after, or -1. */
    int tryAdd(int amount, int limit) {
      while (true) {
        int current = count.get();
        if (current + amount > limit) {
          return -1;
        }
        if (count.compareAndSet(current, current + amount)) {
          return current + amount;
        }
      }
    }

    void add(int amount) {
      count.addAndGet(amount);
    }

    /** Whole seconds until the window renews, at least 1. */
    long secondsLeft(long nowMillis) {
      long millis = startMillis + periodMillis - nowMillis;
      return Math.max(1, (millis + 999) / 1000);
    }
  }
}
