package dev.sluice.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the report header says about the machine and the processes of a run. Reads {@code /proc}
 * (Linux); a value it cannot read is reported as "n/a".
 */
record RunEnvironment(
    String date, String machine, String java, String nginx, String portRange, List<JvmOptions> jvms) {

  RunEnvironment {
    jvms = List.copyOf(jvms);
  }

  /** The options one JVM (or several identical ones) ran with, as given on its command line. */
  record JvmOptions(String process, List<String> options) {
    JvmOptions {
      options = List.copyOf(options);
    }
  }

  /** Launcher options whose value is the next argument. */
  private static final Set<String> WITH_VALUE =
      Set.of("--add-exports", "--add-modules", "--add-opens", "--add-reads", "--limit-modules", "--patch-module",
          "--upgrade-module-path");
  /** Class and module path options: their value is a location on this machine, left out of the report. */
  private static final Set<String> PATHS = Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path");

  /** The environment of this run now; {@code nginxVersion} as {@code nginx -v} printed it, or empty. */
  static RunEnvironment gather(Optional<String> nginxVersion, List<JvmOptions> jvms) {
    String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String java =
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
            + System.getProperty("java.vm.vendor") + ")";
    String portRange;
    try {
      TcpPorts.PortRange range = TcpPorts.readRange();
      portRange = String.format(Locale.ROOT, "%d-%d, %,d ports", range.low(), range.high(), range.size());
    } catch (IOException | IllegalArgumentException e) {
      portRange = "n/a";
    }
    return new RunEnvironment(date, describeMachine(), java, nginxVersion.orElse("not run"), portRange, jvms);
  }

  /** The options of this JVM (the driver and load client). */
  static List<String> ownJvmOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments();
  }

  /** The JVM options on the command line of a running process; empty when it cannot be read. */
  static Optional<List<String>> jvmOptions(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      String text = new String(raw, StandardCharsets.UTF_8);
      return Optional.of(jvmOptions(List.of(text.split("\0"))));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The JVM options of a {@code java} command line: the arguments between the launcher and the main
   * class (or {@code -jar}), without the class or module path, whose value is a location on this
   * machine.
   */
  static List<String> jvmOptions(List<String> commandLine) {
    List<String> options = new ArrayList<>();
    for (int i = 1; i < commandLine.size(); i++) {
      String arg = commandLine.get(i);
      if (PATHS.contains(arg)) {
        i++;
      } else if (WITH_VALUE.contains(arg) && i + 1 < commandLine.size()) {
        options.add(arg + " " + commandLine.get(++i));
      } else if (arg.equals("-jar") || arg.equals("-m") || arg.equals("--module") || !arg.startsWith("-")) {
        break;
      } else {
        options.add(arg);
      }
    }
    return options;
  }

  /**
   * One entry for processes of one role: a single entry when all ran with the same options
   * ({@code "sluice (2 JVMs)"}), otherwise one per process.
   */
  static List<JvmOptions> describe(String role, List<Long> pids, List<Optional<List<String>>> options) {
    if (options.isEmpty()) {
      return List.of();
    }
    boolean same = options.stream().distinct().count() == 1 && options.get(0).isPresent();
    if (same) {
      String process = options.size() == 1 ? role : role + " (" + options.size() + " JVMs)";
      return List.of(new JvmOptions(process, options.get(0).orElseThrow()));
    }
    List<JvmOptions> each = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      String process = role + " pid " + pids.get(i);
      each.add(options.get(i)
          .map(o -> new JvmOptions(process, o))
          .orElse(new JvmOptions(process + " (gone)", List.of())));
    }
    return each;
  }

  /** The 1-minute load average; NaN when it cannot be read. */
  static double loadAverage() {
    try {
      return parseLoadAverage(String.join(" ", Files.readAllLines(Path.of("/proc/loadavg"))));
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** The first field of {@code /proc/loadavg}; NaN when it is not a number. */
  static double parseLoadAverage(String content) {
    String[] fields = content.trim().split("\\s+");
    try {
      return Double.parseDouble(fields[0]);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String describeMachine() {
    int cores = Runtime.getRuntime().availableProcessors();
    String model = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("CPU model n/a");
    String memory =
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
            .map(v -> String.format(Locale.ROOT, "%.1f GiB memory",
                Long.parseLong(v.replace("kB", "").trim()) / 1024.0 / 1024.0))
            .orElse("memory n/a");
    return String.format(Locale.ROOT, "%d cores (%s), %s, %s %s %s", cores, model, memory,
        System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
  }

  /** The value of the first {@code key: value} line of a /proc file. */
  private static Optional<String> firstValue(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
          return Optional.of(line.substring(colon + 1).trim());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
