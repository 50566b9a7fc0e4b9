package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class GraphCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
  private static final List<String> UNMARKED = List.of("<policies>", "<inbound>", "<backend>", "<outbound>", "<on-error>");

  @TempDir Path dir;

  @Test
  void one_operation_shows_every_scope_with_relative_provenance() {
    CliRun run = CliRun.run(EXAMPLES, "graph", "apiops", "--operation", "clock-api/ticks");

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("<!-- effective policy of operation clock-api/ticks (GET /ticks), product starter, streams Server-Sent Events -->")
        .contains("<!-- global, apiops/policy.xml:27 -->\n    <forward-request buffer-response=\"false\" timeout=\"120\" />")
        .contains("<!-- product starter, apiops/products/starter/policy.xml:4 -->\n    <rate-limit")
        .contains("<!-- api clock-api, apiops/apis/clock-api/policy.xml:4 -->\n    <set-backend-service")
        .contains("<!-- operation clock-api/ticks, apiops/apis/clock-api/operations/ticks/policy.xml:4 -->\n    <set-query-parameter")
        .doesNotContain(EXAMPLES.toString());
  }

  @Test
  void every_element_but_the_sections_is_preceded_by_its_provenance() throws Exception {
    CliRun run = CliRun.run(EXAMPLES, "graph", "apiops", "--operation", "chat-api/stream-completions");

    List<String> lines = run.out().lines().toList();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      boolean opensElement = line.startsWith("<") && !line.startsWith("</") && !line.startsWith("<!--");
      if (opensElement && UNMARKED.stream().noneMatch(line::startsWith)) {
        assertThat(lines.get(i - 1).strip()).as("line before %s", line).matches("<!-- .+, .+:\\d+ -->");
      }
    }
    assertThat(run.out()).contains("fragment require-caller, apiops/policy fragments/require-caller/policy.xml:2");
    assertWellFormed(run.out());
  }

  @Test
  void without_operation_prints_every_operation_in_declaration_order() {
    CliRun run = CliRun.run(EXAMPLES, "graph", "apiops");

    assertThat(run.exitCode()).isZero();
    List<String> headers =
        run.out().lines().filter(l -> l.startsWith("<!-- effective policy of operation")).toList();
    assertThat(headers)
        .hasSize(3)
        .satisfiesExactly(
            h -> assertThat(h).contains("chat-api/create-completion"),
            h -> assertThat(h).contains("chat-api/stream-completions"),
            h -> assertThat(h).contains("clock-api/ticks"));
  }

  @Test
  void unknown_operation_is_a_usage_error_listing_the_known_ones() {
    CliRun run = CliRun.run(EXAMPLES, "graph", "apiops", "--operation", "chat-api/nope");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("sluice: no operation 'chat-api/nope' in apiops; known: chat-api/create-completion,"
            + " chat-api/stream-completions, clock-api/ticks")
        .contains("Usage: sluice graph");
  }

  @Test
  void operation_without_slash_is_a_usage_error() {
    CliRun run = CliRun.run(EXAMPLES, "graph", "apiops", "--operation", "ticks");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("sluice: --operation takes API/OP");
  }

  @Test
  void diagnostics_go_to_stderr_and_stdout_stays_xml() throws Exception {
    Files.writeString(
        dir.resolve("echo.xml"),
        """
        <policies>
          <inbound>
            <frobnicate />
          </inbound>
          <backend>
            <forward-request />
          </backend>
          <outbound />
          <on-error />
        </policies>
        """);

    CliRun run = CliRun.run(dir, "graph", "echo.xml");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).startsWith("echo.xml:3:5: warning: unknown policy 'frobnicate'").contains("[UNKNOWN_POLICY]");
    assertThat(run.out()).contains("<!-- no global policy given: assuming APIM's default global policy -->");
    assertWellFormed(run.out());
  }

  @Test
  void errors_in_the_input_exit_1() throws IOException {
    Files.writeString(
        dir.resolve("echo.xml"),
        """
        <policies>
          <inbound>
            <include-fragment fragment-id="missing" />
          </inbound>
          <backend>
            <forward-request />
          </backend>
          <outbound />
          <on-error />
        </policies>
        """);

    CliRun run = CliRun.run(dir, "graph", "echo.xml");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("echo.xml:3:23: error: no policy fragment 'missing'").contains("[MISSING_FRAGMENT]");
  }

  private static void assertWellFormed(String out) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document =
        factory.newDocumentBuilder().parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("policies");
  }
}
