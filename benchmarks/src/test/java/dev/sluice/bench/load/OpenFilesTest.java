package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenFilesTest {
  private static final String HEADER = "Limit                     Soft Limit           Hard Limit           Units     ";

  @Test
  void reads_the_soft_open_file_limit() {
    List<String> limits = List.of(HEADER,
        "Max cpu time              unlimited            unlimited            seconds   ",
        "Max open files            20000                20000                files     ",
        "Max locked memory         8388608              8388608              bytes     ");
    assertThat(OpenFiles.parseLimit(limits)).hasValue(20_000);
  }

  @Test
  void an_unlimited_or_missing_limit_is_reported_as_such() {
    assertThat(OpenFiles.parseLimit(List.of(HEADER, "Max open files            unlimited            unlimited files")))
        .hasValue(Long.MAX_VALUE);
    assertThat(OpenFiles.parseLimit(List.of(HEADER, "Max processes             95000                95000"))).isEmpty();
  }

  @Test
  void counts_this_process_descriptors_below_its_limit() {
    long pid = ProcessHandle.current().pid();
    assertThat(OpenFiles.count(pid)).isPresent();
    assertThat(OpenFiles.count(pid).getAsLong()).isPositive().isLessThanOrEqualTo(OpenFiles.limit(pid).orElseThrow());
  }
}
