package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

  @Test
  void refuses_to_start_a_gateway_with_errors_and_prints_them(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("gateway.xml"),
        """
        <gateway>
          <api id="echo" path="echo" backend-url="http://127.0.0.1:9" policy="echo.xml">
            <operation id="get" method="GET" url-template="/x"/>
          </api>
        </gateway>
        """);
    Files.writeString(
        dir.resolve("echo.xml"),
        """
        <policies>
          <inbound>
            <set-header name="X-A" exists-action="overide"><value>a</value></set-header>
          </inbound>
          <backend><forward-request /></backend>
          <outbound />
          <on-error />
        </policies>
        """);

    CliRun run = CliRun.run(dir, "serve", "gateway.xml", "--port", "0", "--duration", "1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("echo.xml:3:").contains("error").contains("[INVALID_VALUE]");
    assertThat(run.out()).doesNotContain("listening");
    assertThat(run.err()).contains("sluice: not started: 1 error");
  }

  @Test
  void serves_a_clean_gateway_until_the_duration_ends(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("gateway.xml"),
        """
        <gateway>
          <api id="echo" path="echo" backend-url="http://127.0.0.1:9" policy="echo.xml">
            <operation id="get" method="GET" url-template="/x"/>
          </api>
        </gateway>
        """);
    Files.writeString(
        dir.resolve("echo.xml"),
        """
        <policies>
          <inbound>
            <return-response><set-status code="204" reason="No Content" /></return-response>
          </inbound>
          <backend><forward-request /></backend>
          <outbound />
          <on-error />
        </policies>
        """);

    CliRun run = CliRun.run(dir, "serve", "gateway.xml", "--port", "0", "--duration", "1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("sluice: gateway listening on http://127\\.0\\.0\\.1:\\d+ \\(1 operation\\)");
    assertThat(run.out()).contains("sluice: stopped");
  }

  @Test
  void a_missing_path_is_a_usage_error(@TempDir Path dir) {
    CliRun run = CliRun.run(dir, "serve", "nowhere.xml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nowhere.xml");
  }
}
