package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.SourcePosition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DisplayPathsTest {

  private final Path cwd = Path.of("/srv/gateway").toAbsolutePath();
  private final DisplayPaths paths = new DisplayPaths(cwd);

  @Test
  void file_under_the_working_directory_is_shown_relative() {
    assertThat(paths.display(cwd.resolve("apis/chat/policy.xml").toString()))
        .isEqualTo(Path.of("apis", "chat", "policy.xml").toString());
  }

  @Test
  void file_outside_the_working_directory_stays_absolute() {
    Path elsewhere = cwd.getParent().resolve("other/policy.xml");

    assertThat(paths.display(elsewhere.toString())).isEqualTo(elsewhere.toString());
  }

  @Test
  void relative_argument_resolves_against_the_working_directory() {
    assertThat(paths.resolve("apis/../policy.xml")).isEqualTo(cwd.resolve("policy.xml"));
  }

  @Test
  void names_that_are_not_files_pass_unchanged() {
    assertThat(paths.display("<unknown>")).isEqualTo("<unknown>");
    assertThat(paths.display("apim:default-global-policy")).isEqualTo("apim:default-global-policy");
    assertThat(paths.display("policy.xml")).isEqualTo("policy.xml");
  }

  @Test
  void diagnostic_keeps_everything_but_the_file_name() {
    Diagnostic absolute =
        Diagnostic.of(
            DiagnosticCode.UNKNOWN_POLICY,
            SourcePosition.of(cwd.resolve("policy.xml").toString(), 4, 9),
            "unknown policy 'x'");

    Diagnostic shown = paths.display(absolute);

    assertThat(shown.format()).isEqualTo("policy.xml:4:9: warning: unknown policy 'x' [UNKNOWN_POLICY]");
  }
}
