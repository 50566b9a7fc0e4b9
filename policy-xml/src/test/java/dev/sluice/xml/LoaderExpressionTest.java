package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Gateway;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoaderExpressionTest {

  @TempDir Path dir;

  @Test
  void reports_expression_syntax_error_at_its_token() throws IOException {
    Path file = dir.resolve("op.xml");
    Files.writeString(
        file,
        """
        <policies>
          <inbound>
            <set-header name="X-Who" exists-action="override">
              <value>@(context.Request.Headers.GetValueOrDefault("X-User", "") +)</value>
            </set-header>
          </inbound>
        </policies>
        """);

    LoadResult<Gateway> result = GatewayLoader.create().load(file);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::code, d -> d.position().line())
        .containsExactly(tuple("EXPRESSION_SYNTAX", 4));
    // The column points inside the expression, past its '@(' opener (column 14).
    assertThat(result.diagnostics().get(0).position().column()).isGreaterThan(14);
  }

  @Test
  void substitutes_named_values_before_compiling_and_accepts_valid_expressions() throws IOException {
    Path file = dir.resolve("ok.xml");
    Files.writeString(
        file,
        """
        <policies>
          <inbound>
            <choose>
              <when condition="@(context.Request.Headers.GetValueOrDefault("Accept","").Contains("text/event-stream") && context.Request.Method != "HEAD")">
                <set-variable name="stream" value="@(true)" />
              </when>
            </choose>
          </inbound>
        </policies>
        """);

    LoadResult<Gateway> result = GatewayLoader.create().load(file);

    assertThat(result.diagnostics()).isEmpty();
  }

  @Test
  void reports_type_error_in_block_with_line_inside_the_block() throws IOException {
    Path file = dir.resolve("block.xml");
    Files.writeString(
        file,
        """
        <policies>
          <inbound>
            <set-body>@{
              var n = 1;
              return n.NoSuchMember();
            }</set-body>
          </inbound>
        </policies>
        """);

    LoadResult<Gateway> result = GatewayLoader.create().load(file);

    assertThat(result.diagnostics()).hasSize(1);
    assertThat(result.diagnostics().get(0).position().line()).isEqualTo(5);
    assertThat(result.diagnostics().get(0).code()).startsWith("EXPRESSION_");
  }
}
