package dev.sluice.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mojo run directly, its fields set as Maven would, against fixture folders. */
class LintMojoTest {

  private static final Path FIXTURES = Path.of("src", "test", "resources").toAbsolutePath();

  @TempDir Path project;

  /** Keeps what the mojo logs, by level. */
  static final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public void error(CharSequence content) {
      lines.add("error " + content);
    }

    @Override
    public void warn(CharSequence content) {
      lines.add("warn " + content);
    }

    @Override
    public void info(CharSequence content) {
      lines.add("info " + content);
    }
  }

  private final RecordingLog log = new RecordingLog();

  private LintMojo mojo(String... fixtures) {
    LintMojo mojo = new LintMojo();
    mojo.setLog(log);
    mojo.basedir = FIXTURES.toFile();
    mojo.buildDirectory = project.resolve("target").toFile();
    mojo.paths = new ArrayList<>();
    for (String fixture : fixtures) {
      mojo.paths.add(FIXTURES.resolve(fixture).toFile());
    }
    return mojo;
  }

  @Test
  void clean_policies_pass_and_log_the_summary() throws Exception {
    mojo("clean").execute();

    assertThat(log.lines).containsExactly("info Scanned 1 file: 0 errors, 0 warnings, 0 info");
  }

  @Test
  void buffered_stream_fails_the_build_with_the_finding_logged_as_error() {
    assertThatThrownBy(() -> mojo("broken").execute())
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("Sluice lint failed: 1 finding at or above --fail-on error");
    assertThat(log.lines).first().asString().startsWith("error broken/events.xml:7:5: ").endsWith("[SSE001]");
  }

  @Test
  void warnings_pass_unless_fail_on_warning_or_max_warnings_says_otherwise() throws Exception {
    mojo("inherits").execute();
    assertThat(log.lines).first().asString().startsWith("warn inherits/events.xml:7:5: ");

    LintMojo strict = mojo("inherits");
    strict.failOn = "warning";
    assertThatThrownBy(strict::execute).isInstanceOf(MojoFailureException.class);

    LintMojo limited = mojo("inherits");
    limited.maxWarnings = 0;
    assertThatThrownBy(limited::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("1 warning exceed --max-warnings 0");
  }

  @Test
  void disabled_rule_does_not_fail_the_build() throws Exception {
    LintMojo mojo = mojo("broken");
    mojo.disable = List.of("SSE001");

    mojo.execute();

    assertThat(log.lines).containsExactly("info Scanned 1 file: 0 errors, 0 warnings, 0 info");
  }

  @Test
  void config_file_lowers_a_rule_to_warning() throws Exception {
    Path config = Files.writeString(project.resolve("lint.json"), "{ \"rules\": { \"SSE001\": \"warning\" } }");
    LintMojo mojo = mojo("broken");
    mojo.config = config.toFile();

    mojo.execute();

    assertThat(log.lines).first().asString().startsWith("warn broken/events.xml:7:5: ");
  }

  @Test
  void sarif_report_is_written_to_the_output_file_with_relative_paths() throws IOException {
    LintMojo mojo = mojo("broken");
    mojo.format = "sarif";
    mojo.outputFile = project.resolve("reports/lint.sarif").toFile();

    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

    String sarif = Files.readString(project.resolve("reports/lint.sarif"), StandardCharsets.UTF_8);
    assertThat(sarif).contains("\"version\": \"2.1.0\"").contains("\"uri\": \"broken/events.xml\"");
  }

  @Test
  void report_format_without_output_file_goes_to_the_build_directory() throws Exception {
    LintMojo mojo = mojo("clean");
    mojo.format = "junit";

    mojo.execute();

    assertThat(project.resolve("target/sluice-lint.xml")).content().contains("<testsuite");
  }

  @Test
  void configuration_mistakes_are_execution_errors() throws IOException {
    LintMojo format = mojo("clean");
    format.format = "html";
    LintMojo failOn = mojo("clean");
    failOn.failOn = "never";
    LintMojo disable = mojo("clean");
    disable.disable = List.of("SSE999");
    LintMojo missing = mojo("nope");
    LintMojo badConfig = mojo("clean");
    badConfig.config = Files.writeString(project.resolve("bad.json"), "{ \"rules\": 1 }").toFile();

    for (LintMojo mojo : List.of(format, failOn, disable, missing, badConfig)) {
      assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class);
    }
  }

  @Test
  void missing_default_folder_means_nothing_to_lint_and_skip_skips() throws Exception {
    LintMojo mojo = new LintMojo();
    mojo.setLog(log);
    mojo.basedir = project.toFile();
    mojo.buildDirectory = project.resolve("target").toFile();
    mojo.execute();
    assertThat(log.lines).singleElement().asString().startsWith("info Sluice lint: no ").endsWith("nothing to lint");

    Files.createDirectories(project.resolve("src/main/apim"));
    Files.copy(FIXTURES.resolve("broken/events.xml"), project.resolve("src/main/apim/events.xml"));
    assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

    mojo.skip = true;
    mojo.execute();
    assertThat(log.lines).last().isEqualTo("info Sluice lint skipped");
  }
}
