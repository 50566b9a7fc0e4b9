package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice lint --fix}: safe fixes in place, exact edits, never a scope shared with other operations. */
class LintFixTest {

  private static final String STREAM_POLICY = "sse-broken/apis/chat-api/operations/stream-completions/policy.xml";
  private static final String EVENTS_API_POLICY = "sse-broken/apis/events-api/policy.xml";

  @TempDir Path dir;

  private Path example() throws IOException {
    return LintCommandTest.copyExample(dir.resolve("sse-broken"));
  }

  private Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void fix_then_lint_again_leaves_no_sse001() throws IOException {
    example();

    CliRun fix = CliRun.run(dir, "lint", "--fix", "sse-broken");
    CliRun again = CliRun.run(dir, "lint", "sse-broken");

    assertThat(fix.err()).contains("sluice: fixed 2 findings in 2 files");
    assertThat(fix.out()).doesNotContain("[SSE001]").contains("[SSE003]");
    assertThat(again.out()).doesNotContain("[SSE001]").isEqualTo(fix.out());
  }

  @Test
  void fix_changes_only_the_edited_text_and_keeps_comments_and_layout() throws IOException {
    example();
    String stream = read(STREAM_POLICY);
    String events = read(EVENTS_API_POLICY);
    String global = read("sse-broken/policy.xml");
    String chatApi = read("sse-broken/apis/chat-api/policy.xml");

    CliRun.run(dir, "lint", "--fix", "sse-broken");

    // The operation streams but its API also serves JSON: the override goes into the operation.
    assertThat(read(STREAM_POLICY))
        .isEqualTo(
            stream.replace(
                "  <backend>\n    <base />\n  </backend>",
                "  <backend>\n    <forward-request buffer-response=\"false\" />\n  </backend>"));
    // Every operation of the events API streams: its own forward-request is fixed where it stands.
    assertThat(read(EVENTS_API_POLICY))
        .isEqualTo(events.replace("buffer-response=\"true\" timeout=\"20\"", "buffer-response=\"false\" timeout=\"20\""));
    // Shared scopes are never changed.
    assertThat(read("sse-broken/policy.xml")).isEqualTo(global);
    assertThat(read("sse-broken/apis/chat-api/policy.xml")).isEqualTo(chatApi);
  }

  @Test
  void dry_run_prints_a_unified_diff_and_changes_nothing() throws IOException {
    Path root = example();
    Map<String, String> before = snapshot(root);

    CliRun run = CliRun.run(dir, "lint", "--fix", "--dry-run", "sse-broken");

    assertThat(snapshot(root)).isEqualTo(before);
    assertThat(run.out())
        .isEqualTo(
            """
            --- a/%1$s
            +++ b/%1$s
            @@ -6,7 +6,7 @@
                 <cache-lookup vary-by-developer="false" vary-by-developer-groups="false" downstream-caching-type="none" />
               </inbound>
               <backend>
            -    <base />
            +    <forward-request buffer-response="false" />
               </backend>
               <outbound>
                 <base />
            --- a/%2$s
            +++ b/%2$s
            @@ -5,7 +5,7 @@
               </inbound>
               <backend>
                 <!-- Backend calls must not hang: 20 seconds is plenty for an API call. -->
            -    <forward-request buffer-response="true" timeout="20" />
            +    <forward-request buffer-response="false" timeout="20" />
               </backend>
               <outbound>
                 <base />
            """
                .formatted(STREAM_POLICY, EVENTS_API_POLICY));
    assertThat(run.err()).contains("sluice: would fix 2 findings in 2 files");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void lone_file_inheriting_the_default_global_policy_gets_the_override_in_place_of_base()
      throws IOException {
    String original = LintCommandTest.LONE_STREAM.replace("\n", "\r\n");
    Files.writeString(dir.resolve("stream.xml"), original, StandardCharsets.UTF_8);

    CliRun run = CliRun.run(dir, "lint", "--fix", "--fail-on", "warning", "stream.xml");

    assertThat(read("stream.xml"))
        .isEqualTo(
            original.replace(
                "<backend>\r\n    <base />", "<backend>\r\n    <forward-request buffer-response=\"false\" />"));
    assertThat(run.out()).isEqualTo("Scanned 1 file: 0 errors, 0 warnings, 0 info" + "\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void missing_attribute_is_added_after_the_element_name_keeping_other_attributes() throws IOException {
    String original =
        "<!-- sluice:sse -->\n"
            + LintCommandTest.BUFFERING.replace("<forward-request />", "<forward-request timeout=\"120\"/>");
    Files.writeString(dir.resolve("chat.xml"), original, StandardCharsets.UTF_8);

    CliRun run = CliRun.run(dir, "lint", "--fix", "chat.xml");

    assertThat(read("chat.xml"))
        .isEqualTo(original.replace("<forward-request timeout=\"120\"/>",
            "<forward-request buffer-response=\"false\" timeout=\"120\"/>"));
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void inherited_copy_keeps_the_attributes_of_the_inherited_forward_request() throws IOException {
    Path root = example();
    Path global = root.resolve("policy.xml");
    Files.writeString(
        global,
        Files.readString(global).replace("<forward-request />", "<forward-request timeout=\"200\" follow-redirects=\"true\" />"));

    CliRun.run(dir, "lint", "--fix", "sse-broken");

    assertThat(read(STREAM_POLICY))
        .contains("    <forward-request timeout=\"200\" follow-redirects=\"true\" buffer-response=\"false\" />\n");
  }

  @Test
  void operation_without_its_own_policy_under_a_shared_api_is_not_fixed() throws IOException {
    Path root = example();
    Files.delete(root.resolve("apis/chat-api/operations/stream-completions/policy.xml"));
    Map<String, String> before = snapshot(root);

    CliRun run = CliRun.run(dir, "lint", "--fix", "sse-broken");

    assertThat(snapshot(root).get("policy.xml")).isEqualTo(before.get("policy.xml"));
    assertThat(snapshot(root).get("apis/chat-api/policy.xml")).isEqualTo(before.get("apis/chat-api/policy.xml"));
    assertThat(run.err())
        .contains("sluice: not fixed: sse-broken/apis/chat-api/policy.xml:7:5: no safe fix: the <forward-request> of"
            + " operation chat-api/stream-completions comes from global through scopes shared with operations that do"
            + " not stream")
        .contains("sluice: fixed 1 finding in 1 file");
    assertThat(run.out()).contains("[SSE001]");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void value_set_by_an_expression_is_not_fixed() throws IOException {
    String original =
        "<!-- sluice:sse -->\n"
            + LintCommandTest.BUFFERING.replace(
                "<forward-request />",
                "<forward-request buffer-response=\"@(context.Request.Headers.ContainsKey(&quot;X-Buffer&quot;))\" />");
    Files.writeString(dir.resolve("chat.xml"), original, StandardCharsets.UTF_8);

    CliRun run = CliRun.run(dir, "lint", "--fix", "chat.xml");

    // forward-request's buffer-response takes no expression: a load error, and nothing is fixed.
    assertThat(read("chat.xml")).isEqualTo(original);
    assertThat(run.out()).contains("[EXPRESSION_NOT_ALLOWED]");
    assertThat(run.err()).contains("sluice: fixed 0 findings in 0 files");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void suppressed_finding_is_not_fixed() throws IOException {
    String original =
        "<!-- sluice:sse -->\n"
            + LintCommandTest.BUFFERING.replace(
                "    <forward-request />",
                "    <!-- sluice-disable SSE001: the backend sends one event and closes -->\n    <forward-request />");
    Files.writeString(dir.resolve("chat.xml"), original, StandardCharsets.UTF_8);

    CliRun run = CliRun.run(dir, "lint", "--fix", "chat.xml");

    assertThat(read("chat.xml")).isEqualTo(original);
    assertThat(run.err()).contains("sluice: fixed 0 findings in 0 files");
    assertThat(run.exitCode()).isZero();
  }
}
