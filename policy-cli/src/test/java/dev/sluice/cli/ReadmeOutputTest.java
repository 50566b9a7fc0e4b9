package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README pastes the output of its first command; this keeps the paste true. Rewrite it with
 * {@code -Dgolden.update=true}.
 */
class ReadmeOutputTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MARKER = "<summary>Output of the first command above";
  private static final String OPEN = "```xml\n";
  private static final String CLOSE = "```\n";

  @Test
  void readme_shows_the_real_output_of_graph_on_the_example() throws IOException {
    Path readme = ROOT.resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int marker = text.indexOf(MARKER);
    assertThat(marker).as("README section with the first command's output").isNotNegative();
    int start = text.indexOf(OPEN, marker) + OPEN.length();
    int end = text.indexOf(CLOSE, start);
    assertThat(start).isGreaterThan(OPEN.length() - 1);
    assertThat(end).isGreaterThan(start);

    CliRun run = CliRun.run(ROOT, "graph", "examples/apiops");
    assertThat(run.exitCode()).isZero();
    String actual = run.out().replace(System.lineSeparator(), "\n");

    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(readme, text.substring(0, start) + actual + text.substring(end), StandardCharsets.UTF_8);
      return;
    }
    assertThat(text.substring(start, end)).isEqualTo(actual);
  }
}
