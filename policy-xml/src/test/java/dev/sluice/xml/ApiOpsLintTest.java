package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Gateway;
import dev.sluice.core.SourcePosition;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.Linter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an APIOps extract adds to linting: diagnostics (request logging) and sluice:sse marks. */
class ApiOpsLintTest {

  private static final String POLICY =
      """
      <policies>
        <inbound>
          <base />
        </inbound>
        <backend>
          <forward-request buffer-response="false" />
        </backend>
        <outbound>
          <base />
        </outbound>
        <on-error>
          <base />
        </on-error>
      </policies>
      """;

  private static final String SPEC =
      """
      openapi: 3.0.1
      info: {title: chat, version: '1'}
      paths:
        /chat/completions:
          post:
            operationId: complete
            responses:
              '200':
                description: events
                content:
                  text/event-stream: {}
        /models:
          get:
            operationId: models
            responses:
              '200': {description: json}
      """;

  private static final String LOGGING =
      """
      {
        "properties": {
          "loggerId": "/loggers/appinsights",
          "frontend": {
            "request": { "body": { "bytes": 0 } },
            "response": { "body": { "bytes": 1024 } }
          },
          "backend": {
            "response": { "headers": ["x-id"], "body": { "bytes": 0 } }
          }
        }
      }
      """;

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static Path extract(Path root) throws IOException {
    write(root.resolve("apis/chat/apiInformation.json"), "{\"properties\": {\"path\": \"chat\"}}");
    write(root.resolve("apis/chat/specification.yaml"), SPEC);
    write(root.resolve("apis/chat/operations/complete/policy.xml"), POLICY);
    write(root.resolve("apis/plain/apiInformation.json"), "{\"properties\": {\"path\": \"plain\"}}");
    write(root.resolve("apis/plain/operations/tail/policy.xml"), "<!-- sluice:sse -->\n" + POLICY);
    write(root.resolve("diagnostics/applicationinsights/diagnosticInformation.json"), LOGGING);
    return root;
  }

  @Test
  void reads_body_logging_of_gateway_and_api_diagnostics_with_positions(@TempDir Path dir)
      throws IOException {
    Path root = extract(dir);
    write(root.resolve("apis/plain/diagnostics/applicationinsights/diagnosticInformation.json"),
        LOGGING.replace("1024", "0"));

    Gateway gateway = GatewayDescriptorTest.loader().load(root).value().orElseThrow();

    String global = root.resolve("diagnostics/applicationinsights/diagnosticInformation.json").toString();
    assertThat(gateway.logging()).hasSize(2);
    Gateway.LoggingSettings all = gateway.logging().get(0);
    assertThat(all.apiId()).isEmpty();
    assertThat(all.bodies())
        .containsExactly(
            new Gateway.BodyLogging("frontend.request", 0, SourcePosition.of(global, 5, 30)),
            new Gateway.BodyLogging("frontend.response", 1024, SourcePosition.of(global, 6, 31)),
            new Gateway.BodyLogging("backend.response", 0, SourcePosition.of(global, 9, 52)));
    assertThat(gateway.logging().get(1).apiId()).contains("plain");
    // The API's own setting of the same name overrides the gateway-wide one.
    assertThat(gateway.loggingOf("plain")).containsExactly(gateway.logging().get(1));
    assertThat(gateway.loggingOf("chat")).containsExactly(all);
  }

  @Test
  void sse_comment_marks_an_operation_policy_of_an_extract(@TempDir Path dir) throws IOException {
    Gateway gateway = GatewayDescriptorTest.loader().load(extract(dir)).value().orElseThrow();

    assertThat(gateway.operation("plain", "tail").orElseThrow().streaming()).isTrue();
    assertThat(gateway.operation("chat", "complete").orElseThrow().streaming()).isTrue();
    assertThat(gateway.operation("chat", "models").orElseThrow().streaming()).isFalse();
  }

  @Test
  void body_logging_covering_a_stream_api_is_reported_at_the_byte_count(@TempDir Path dir)
      throws IOException {
    Path root = extract(dir);
    Gateway gateway = GatewayDescriptorTest.loader().load(root).value().orElseThrow();

    LintReport report = Linter.create().lint(gateway);

    String global = root.resolve("diagnostics/applicationinsights/diagnosticInformation.json").toString();
    List<Finding> logging = report.findings().stream().filter(f -> f.ruleId().equals("SSE008")).toList();
    // Both APIs stream (one by its specification, one by its comment); one setting, one position.
    assertThat(logging).extracting(Finding::position)
        .containsExactly(SourcePosition.of(global, 6, 31), SourcePosition.of(global, 6, 31));
    assertThat(logging).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("API chat").contains("1024 bytes of the frontend response"));
    assertThat(Optional.of(report.findings()))
        .hasValueSatisfying(
            all -> assertThat(all).noneMatch(f -> f.ruleId().equals("SSE008") && f.message().contains("request")));
  }
}
