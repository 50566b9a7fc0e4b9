package dev.sluice.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Resident memory of processes, read from {@code /proc/<pid>/status} (Linux only). */
final class ProcessMemory {
  private ProcessMemory() {}

  /** VmRSS of one process in KiB; empty when the process is gone or /proc is unavailable. */
  static OptionalLong rssKiB(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    List<String> lines;
    try {
      lines = Files.readAllLines(status);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    return parseVmRss(lines);
  }

  /** VmRSS of a process and all its descendants (nginx: master and workers), in KiB. */
  static OptionalLong treeRssKiB(long pid) {
    OptionalLong root = rssKiB(pid);
    if (root.isEmpty()) {
      return root;
    }
    long total = root.getAsLong();
    total +=
        ProcessHandle.of(pid).stream()
            .flatMap(ProcessHandle::descendants)
            .mapToLong(p -> rssKiB(p.pid()).orElse(0))
            .sum();
    return OptionalLong.of(total);
  }

  static OptionalLong parseVmRss(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(parts[0]));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
