package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.load.RunEnvironment.JvmOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunEnvironmentTest {

  @Test
  void jvm_options_stop_at_the_main_class_and_leave_out_the_class_path() {
    List<String> commandLine = List.of("/usr/bin/java", "-Xms256m", "-Xmx1g", "-cp", "/somewhere/benchmarks.jar",
        "dev.sluice.bench.load.SluiceLoadGateway", "--port", "1234", "-Xnot-a-jvm-option");
    assertThat(RunEnvironment.jvmOptions(commandLine)).containsExactly("-Xms256m", "-Xmx1g");
  }

  @Test
  void jvm_options_keep_values_of_two_word_options_and_stop_at_jar() {
    List<String> commandLine = List.of("java", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-XX:+UseG1GC",
        "-jar", "app.jar", "-Xmx9g");
    assertThat(RunEnvironment.jvmOptions(commandLine))
        .containsExactly("--add-opens java.base/java.lang=ALL-UNNAMED", "-XX:+UseG1GC");
  }

  @Test
  void identical_processes_of_one_role_are_described_once() {
    Optional<List<String>> options = Optional.of(List.of("-Xmx1g"));
    assertThat(RunEnvironment.describe("sluice", List.of(10L, 11L), List.of(options, options)))
        .containsExactly(new JvmOptions("sluice (2 JVMs)", List.of("-Xmx1g")));
    assertThat(RunEnvironment.describe("backend", List.of(9L), List.of(options)))
        .containsExactly(new JvmOptions("backend", List.of("-Xmx1g")));
  }

  @Test
  void differing_or_gone_processes_are_described_one_by_one() {
    assertThat(RunEnvironment.describe("sluice", List.of(10L, 11L),
            List.of(Optional.of(List.of("-Xmx1g")), Optional.empty())))
        .containsExactly(new JvmOptions("sluice pid 10", List.of("-Xmx1g")),
            new JvmOptions("sluice pid 11 (gone)", List.of()));
  }

  @Test
  void load_average_is_the_first_field_of_proc_loadavg() {
    assertThat(RunEnvironment.parseLoadAverage("0.65 1.00 2.42 1/234 5678\n")).isEqualTo(0.65);
    assertThat(RunEnvironment.parseLoadAverage("busy")).isNaN();
  }
}
