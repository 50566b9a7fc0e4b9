package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

  @Test
  void reads_vmrss_in_kib_from_status_lines() {
    List<String> status = List.of("Name:\tjava", "VmPeak:\t  999 kB", "VmRSS:\t  123456 kB", "Threads:\t12");
    assertThat(ProcessMemory.parseVmRss(status)).hasValue(123456);
  }

  @Test
  void reports_nothing_without_vmrss() {
    assertThat(ProcessMemory.parseVmRss(List.of("Name:\tkthreadd", "State:\tS"))).isEmpty();
  }
}
