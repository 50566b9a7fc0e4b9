package dev.sluice.cli;

import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --duration SECONDS} option shared by the commands that serve. */
final class Durations {
  private Durations() {}

  static Optional<Duration> of(CommandSpec spec, Long seconds) {
    if (seconds == null) {
      return Optional.empty();
    }
    if (seconds <= 0) {
      throw new ParameterException(spec.commandLine(), "--duration must be a positive number of seconds");
    }
    return Optional.of(Duration.ofSeconds(seconds));
  }
}
