package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README pastes the output of its commands; this keeps the pastes true. Rewrite the graph output
 * with {@code -Dgolden.update=true}.
 */
class ReadmeOutputTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MARKER =
      "<summary>Output of <code>java -jar policy-cli/target/sluice.jar graph examples/apiops</code>";
  private static final String DEMO = "```console\n$ java -jar policy-cli/target/sluice.jar demo\n";
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

  @Test
  void readme_shows_what_the_demo_prints_when_it_starts() throws IOException {
    String text = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = text.indexOf(DEMO);
    assertThat(start).as("README block with the demo's output").isNotNegative();
    start += DEMO.length();
    String shown = text.substring(start, text.indexOf(CLOSE, start));

    CliRun run = CliRun.run(ROOT, "demo", "--port", "0", "--duration", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String out = run.out().replace(System.lineSeparator(), "\n");
    Matcher gateway = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(out);
    Matcher backend = Pattern.compile("in this process on 127\\.0\\.0\\.1:(\\d+)").matcher(out);
    assertThat(gateway.find()).isTrue();
    assertThat(backend.find()).isTrue();
    // The README shows the default port and names the backend's ephemeral one.
    String expected =
        out.replace("127.0.0.1:" + gateway.group(1), "127.0.0.1:8080")
            .replace("127.0.0.1:" + backend.group(1), "127.0.0.1:BACKEND-PORT")
            .replace("sluice: stopped\n", "");
    assertThat(shown).isEqualTo(expected);
  }
}
