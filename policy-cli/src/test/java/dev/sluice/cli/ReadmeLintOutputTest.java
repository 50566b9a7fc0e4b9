package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README pastes what {@code sluice lint examples/sse-broken} prints (standard output, then
 * standard error); this keeps the paste true. Rewrite it with {@code -Dgolden.update=true}.
 */
class ReadmeLintOutputTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String COMMAND = "$ java -jar policy-cli/target/sluice.jar lint examples/sse-broken\n";
  private static final String CLOSE = "```\n";

  @Test
  void readme_shows_the_real_output_of_lint_on_the_broken_example() throws IOException {
    Path readme = ROOT.resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int command = text.indexOf(COMMAND);
    assertThat(command).as("README block with the lint command").isNotNegative();
    int start = command + COMMAND.length();
    int end = text.indexOf(CLOSE, start);
    assertThat(end).isGreaterThan(start);

    CliRun run = CliRun.run(ROOT, "lint", "examples/sse-broken");
    assertThat(run.exitCode()).isEqualTo(1);
    String actual = (run.out() + run.err()).replace(System.lineSeparator(), "\n");

    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(readme, text.substring(0, start) + actual + text.substring(end), StandardCharsets.UTF_8);
      return;
    }
    assertThat(text.substring(start, end)).isEqualTo(actual);
  }
}
