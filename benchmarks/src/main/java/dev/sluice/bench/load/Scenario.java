package dev.sluice.bench.load;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The scenarios of the load benchmark, in the order they run. */
enum Scenario {
  LATENCY("latency"),
  MAX_RATE("max-rate"),
  PLAIN("plain"),
  STREAMS("streams");

  private final String key;

  Scenario(String key) {
    this.key = key;
  }

  /** The name on the command line and in the report. */
  String key() {
    return key;
  }

  /** Parses a comma-separated list of keys; an unknown key is a usage error. */
  static Set<Scenario> parse(String keys) {
    Set<Scenario> chosen = EnumSet.noneOf(Scenario.class);
    for (String key : keys.split(",")) {
      String trimmed = key.trim();
      chosen.add(
          Arrays.stream(values())
              .filter(s -> s.key.equals(trimmed))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException(
                  "unknown scenario '" + trimmed + "' (latency, max-rate, plain, streams)")));
    }
    return chosen;
  }
}
