package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void adds_utime_and_stime_of_a_stat_line() {
    String stat = "12345 (java) S 1 12345 12345 0 -1 4194560 25000 0 10 0 1500 250 7 9 20 0 40 0 1000 5000000000";
    assertThat(ProcessCpu.parseTicks(stat)).hasValue(1750);
  }

  @Test
  void counts_fields_after_a_command_name_with_spaces_and_parentheses() {
    String stat = "77 (nginx: (worker) 1) S 76 76 76 0 -1 4194624 900 0 0 0 42 8 0 0 20 0 1 0 500 9000000";
    assertThat(ProcessCpu.parseTicks(stat)).hasValue(50);
  }

  @Test
  void reports_nothing_for_a_truncated_or_garbled_line() {
    assertThat(ProcessCpu.parseTicks("12345 (java) S 1 12345")).isEmpty();
    assertThat(ProcessCpu.parseTicks("no parentheses here")).isEmpty();
    assertThat(ProcessCpu.parseTicks("1 (x) S 1 1 1 0 -1 0 0 0 0 0 many 3 0 0")).isEmpty();
  }

  @Test
  void reads_this_process_and_reports_a_missing_one_as_empty() {
    assertThat(ProcessCpu.ticks(ProcessHandle.current().pid())).isPresent();
    assertThat(ProcessCpu.treeTicks(java.util.List.of(ProcessHandle.current().pid(), Long.MAX_VALUE))).isEmpty();
  }
}
