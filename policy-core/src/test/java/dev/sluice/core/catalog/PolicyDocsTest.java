package dev.sluice.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages in docs/policies are the rendered catalog. Rewrite them with
 * {@code -Dgolden.update=true} after changing a descriptor or the renderer.
 */
class PolicyDocsTest {
  private static final Path DOCS = Path.of("..", "docs", "policies");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @Test
  void every_policy_has_its_page_with_the_rendered_text() throws IOException {
    List<String> stale = new ArrayList<>();
    for (PolicyDescriptor policy : PolicyCatalog.standard().all()) {
      Path page = DOCS.resolve(PolicyDocs.fileName(policy));
      String expected = PolicyDocs.render(policy);
      if (UPDATE) {
        write(page, expected);
      }
      if (!Files.exists(page) || !Files.readString(page, StandardCharsets.UTF_8).equals(expected)) {
        stale.add(page.getFileName().toString());
      }
    }
    assertThat(stale).as("pages missing or out of date (rewrite with -Dgolden.update=true)").isEmpty();
  }

  @Test
  void index_lists_every_policy_as_rendered() throws IOException {
    Path index = DOCS.resolve(PolicyDocs.INDEX_FILE);
    String expected = PolicyDocs.renderIndex(PolicyCatalog.standard());
    if (UPDATE) {
      write(index, expected);
    }
    assertThat(index).exists();
    assertThat(Files.readString(index, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void no_page_without_a_catalog_entry() throws IOException {
    Set<String> expected =
        PolicyCatalog.standard().all().stream().map(PolicyDocs::fileName).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(DOCS)) {
      List<String> orphans =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".md") && !n.equals(PolicyDocs.INDEX_FILE))
              .filter(n -> !expected.contains(n))
              .toList();
      assertThat(orphans).isEmpty();
    }
  }

  @Test
  void page_states_the_buffering_attribute_and_its_default() {
    String page = PolicyDocs.render(PolicyCatalog.standard().find("forward-request").orElseThrow());

    assertThat(page)
        .startsWith("# forward-request\n")
        .contains("| Sections | backend |")
        .contains(
            "Reads the response body. It buffers (holds the whole body in memory) when"
                + " `buffer-response` is `true` and streams it when `buffer-response` is `false`;"
                + " without the attribute it buffers (APIM's default).")
        .contains("without the attribute it streams")
        .contains("<https://learn.microsoft.com/en-us/azure/api-management/forward-request-policy>");
  }

  @Test
  void section_message_is_spelled_out_per_allowed_section() {
    String line =
        PolicyDocs.bodyAccess(
            BodyAccess.buffering(Target.SECTION_MESSAGE, Mode.READ),
            Set.of(Section.ON_ERROR, Section.INBOUND));

    assertThat(line)
        .isEqualTo(
            "Reads the body of the section's message (inbound: request; on-error: response)."
                + " It buffers: the whole body is held in memory.");
  }

  @Test
  void streaming_access_says_the_body_is_never_held() {
    String line =
        PolicyDocs.bodyAccess(BodyAccess.streaming(Target.RESPONSE, Mode.READ), Set.of(Section.INBOUND));

    assertThat(line).isEqualTo("Reads the response body. It streams: the body passes through and is never held whole.");
  }

  @Test
  void nested_child_elements_are_listed_by_path_with_their_attributes() {
    String page = PolicyDocs.render(PolicyCatalog.standard().find("cors").orElseThrow());

    assertThat(page)
        .contains("| `allowed-origins/origin` | one or more | text |")
        .contains("### `allowed-methods` attributes")
        .contains("| `preflight-result-max-age` | integer | `0` | no | allowed |");
  }

  @Test
  void pipes_in_descriptions_do_not_break_the_table() {
    PolicyDescriptor policy =
        PolicyDescriptor.builder("x-test")
            .summary("Test")
            .reference("https://example.invalid/")
            .attribute(AttributeDescriptor.builder("a", AttributeType.STRING).description("one | two"))
            .build();

    assertThat(PolicyDocs.render(policy)).contains("one \\| two").doesNotContain("one | two");
  }

  @Test
  void policy_without_body_access_says_it_holds_no_body() {
    String page = PolicyDocs.render(PolicyCatalog.standard().find("set-header").orElseThrow());

    assertThat(page).contains("This policy reads and rewrites no message body");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
