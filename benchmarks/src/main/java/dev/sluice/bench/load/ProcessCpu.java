package dev.sluice.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time of processes, read from {@code /proc/<pid>/stat} (Linux only), in clock ticks
 * ({@code getconf CLK_TCK}, 100 per second on Linux).
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** User plus system time of one process (all its threads); empty when it is gone. */
  static OptionalLong ticks(long pid) {
    try {
      return parseTicks(String.join(" ", Files.readAllLines(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** User plus system time of a process and its descendants (nginx: master and workers). */
  static OptionalLong treeTicks(long pid) {
    OptionalLong root = ticks(pid);
    if (root.isEmpty()) {
      return root;
    }
    long children =
        ProcessHandle.of(pid).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToLong(p -> ticks(p.pid()).orElse(0))
            .sum();
    return OptionalLong.of(root.getAsLong() + children);
  }

  /** {@link #treeTicks} summed over several processes; empty if any is gone. */
  static OptionalLong treeTicks(List<Long> pids) {
    long total = 0;
    for (long pid : pids) {
      OptionalLong one = treeTicks(pid);
      if (one.isEmpty()) {
        return one;
      }
      total += one.getAsLong();
    }
    return OptionalLong.of(total);
  }

  /**
   * utime + stime (fields 14 and 15) of one {@code stat} line. The command name (field 2) is in
   * parentheses and may hold spaces and parentheses, so the fields are counted after the last ')'.
   */
  static OptionalLong parseTicks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return OptionalLong.empty();
    }
    String[] fields = stat.substring(close + 1).trim().split("\\s+");
    // fields[0] is field 3 (state), so field N is fields[N - 3].
    if (fields.length < 13) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
