package dev.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.Linter;
import dev.sluice.xml.GatewayLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintTreeGeneratorTest {

  @TempDir Path dir;

  @Test
  void writes_exactly_n_policy_files_that_load_cleanly_and_have_buffering_findings() throws IOException {
    int written = LintTreeGenerator.generate(dir, 100);

    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".xml")).count()).isEqualTo(100);
    }
    assertThat(written).isEqualTo(100);
    LoadResult<Gateway> loaded = GatewayLoader.create().load(dir);
    assertThat(loaded.errors()).isEmpty();
    Gateway gateway = loaded.value().orElseThrow();
    assertThat(gateway.operations()).hasSize(88).filteredOn(Gateway.Operation::streaming).hasSize(44);
    LintReport report = Linter.create().lint(gateway);
    // Streaming operations 0, 10, 20, ... of 88 inherit the global plain forward-request.
    assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("SSE001")).hasSize(9);
  }
}
