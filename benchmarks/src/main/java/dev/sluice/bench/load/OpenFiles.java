package dev.sluice.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Open file descriptors of a process and its limit, from {@code /proc/<pid>/fd} and {@code
 * /proc/<pid>/limits} (Linux only). Every socket is one: a backend that still holds a proxy's
 * 10,000 idle keep-alive connections cannot accept 10,000 more under a 20,000 limit.
 */
final class OpenFiles {
  private OpenFiles() {}

  /** How many descriptors the process has open; empty when it is gone or not ours to read. */
  static OptionalLong count(long pid) {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return OptionalLong.of(fds.count());
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The soft limit on open files of the process; empty when it cannot be read. */
  static OptionalLong limit(long pid) {
    try {
      return parseLimit(Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The soft limit from the lines of {@code /proc/<pid>/limits} ({@code Max open files  SOFT  HARD
   * files}); "unlimited" is {@link Long#MAX_VALUE}.
   */
  static OptionalLong parseLimit(List<String> lines) {
    String key = "Max open files";
    for (String line : lines) {
      if (line.startsWith(key)) {
        String[] fields = line.substring(key.length()).trim().split("\\s+");
        if (fields[0].equals("unlimited")) {
          return OptionalLong.of(Long.MAX_VALUE);
        }
        try {
          return OptionalLong.of(Long.parseLong(fields[0]));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
