package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.SourcePosition;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.Linter;
import dev.sluice.lint.RelatedLocation;
import dev.sluice.lint.format.ReportFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint over a real APIOps extract, loaded by the real loader: the effective policy of the streaming
 * operation decides, and findings point at the files as the loader named them.
 */
class LintGatewayTest {

  private static final Path EXTRACT = Path.of("src", "test", "resources", "apiops");
  private static final String STREAM_POLICY = "apis/echo-api/operations/stream-events/policy.xml";

  private static Path copy(Path target) throws IOException {
    try (Stream<Path> files = Files.walk(EXTRACT)) {
      for (Path source : files.toList()) {
        Path to = target.resolve(EXTRACT.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(to);
        } else {
          Files.copy(source, to);
        }
      }
    }
    return target;
  }

  private static LintReport lint(Path extract) {
    LoadResult<Gateway> loaded = GatewayLoader.create().load(extract);
    assertThat(loaded.errors()).isEmpty();
    return Linter.create().lint(loaded.value().orElseThrow()).relativeTo(extract);
  }

  @Test
  void streaming_operation_that_forwards_without_buffering_is_clean() throws IOException {
    LintReport report = lint(EXTRACT);

    assertThat(report.findings()).noneMatch(f -> f.ruleId().startsWith("SSE"));
    assertThat(report.files()).contains("policy.xml", STREAM_POLICY);
  }

  @Test
  void inheriting_the_global_forward_request_is_reported_at_the_operation_base(@TempDir Path dir)
      throws IOException {
    Path extract = copy(dir);
    Path policy = extract.resolve(STREAM_POLICY);
    Files.writeString(
        policy,
        Files.readString(policy, StandardCharsets.UTF_8)
            .replace("<forward-request buffer-response=\"false\" timeout=\"120\" />", "<base />"),
        StandardCharsets.UTF_8);

    LintReport report = lint(extract);

    List<Finding> sse = report.findings().stream().filter(f -> f.ruleId().startsWith("SSE")).toList();
    assertThat(sse).singleElement().satisfies(
        f -> {
          assertThat(f.ruleId()).isEqualTo("SSE001");
          assertThat(f.position()).isEqualTo(SourcePosition.of(STREAM_POLICY, 11, 5));
          assertThat(f.inheritance()).hasValueSatisfying(
              chain -> assertThat(chain).startsWith("operation echo-api/stream-events").endsWith("global"));
          assertThat(f.related()).extracting(RelatedLocation::position)
              .containsExactly(SourcePosition.of("policy.xml", 14, 5));
          assertThat(f.fix().orElseThrow().edits().get(0).start().file()).isEqualTo("policy.xml");
        });
    assertThat(ReportFormat.SARIF.format(report))
        .contains("\"uri\": \"apis/echo-api/operations/stream-events/policy.xml\"");
  }
}
