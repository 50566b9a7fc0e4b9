package dev.sluice.xml;

import static dev.sluice.core.DiagnosticCode.ATTRIBUTE_TOO_LARGE;
import static dev.sluice.core.DiagnosticCode.DOCUMENT_TOO_LARGE;
import static dev.sluice.core.DiagnosticCode.EMPTY_DOCUMENT;
import static dev.sluice.core.DiagnosticCode.INVALID_ENCODING;
import static dev.sluice.core.DiagnosticCode.IO_ERROR;
import static dev.sluice.core.DiagnosticCode.NESTING_TOO_DEEP;
import static dev.sluice.core.DiagnosticCode.TEXT_TOO_LARGE;
import static dev.sluice.core.DiagnosticCode.UNTERMINATED_EXPRESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.catalog.PolicyCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed input: every read completes, never throws, and reports the expected code at
 * the exact line and column. File fixtures state their expectation in a first comment,
 * {@code <!-- EXPECT-DIAG: CODE line:col -->} (or {@code none}); inputs that cannot carry a comment
 * (bytes, generated sizes) are below.
 */
class BadInputTest {
  private static final Path FIXTURES = Paths.get("src/test/resources/bad");
  private static final Pattern EXPECT = Pattern.compile("EXPECT-DIAG: ([^-]*)-->");
  private static final Pattern ONE = Pattern.compile("([A-Z_]+) (\\d+):(\\d+)");
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);

  /** The codes the reader itself emits; catalog validation may add others to well-formed files. */
  private static final Set<DiagnosticCode> READER_CODES =
      EnumSet.of(
          IO_ERROR,
          EMPTY_DOCUMENT,
          INVALID_ENCODING,
          DiagnosticCode.NOT_WELL_FORMED,
          DiagnosticCode.DOCTYPE_FORBIDDEN,
          DiagnosticCode.ENTITY_FORBIDDEN,
          DOCUMENT_TOO_LARGE,
          NESTING_TOO_DEEP,
          ATTRIBUTE_TOO_LARGE,
          TEXT_TOO_LARGE,
          UNTERMINATED_EXPRESSION,
          DiagnosticCode.WRONG_ROOT,
          DiagnosticCode.UNKNOWN_SECTION,
          DiagnosticCode.DUPLICATE_SECTION,
          DiagnosticCode.DUPLICATE_ATTRIBUTE);

  static Stream<String> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(FIXTURES)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList().stream();
    }
  }

  @Test
  void suite_has_at_least_thirty_fixtures() throws IOException {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(30);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void reports_expected_diagnostic_at_exact_position(String name) throws IOException {
    byte[] bytes = Files.readAllBytes(FIXTURES.resolve(name));
    String text = new String(bytes, StandardCharsets.UTF_8);
    Matcher expect = EXPECT.matcher(text);
    assertThat(expect.find()).as("%s has an EXPECT-DIAG comment", name).isTrue();
    String expected = expect.group(1).trim();

    LoadResult<PolicyDocument> result = read(name, bytes, ReaderOptions.defaults());

    assertThat(readerDiagnostics(result)).isEqualTo(expectedList(expected));
    assertThat(result.diagnostics()).allSatisfy(d -> assertThat(d.position().file()).isEqualTo(name));
  }

  @Test
  void rejects_empty_file() {
    assertSingle(read("empty.xml", new byte[0]), "EMPTY_DOCUMENT 1:1");
  }

  @Test
  void rejects_whitespace_only_file() {
    assertSingle(read("blank.xml", " \n\t\r\n  ".getBytes(StandardCharsets.UTF_8)), "EMPTY_DOCUMENT 1:1");
  }

  @Test
  void accepts_utf8_byte_order_mark_with_positions_unshifted() {
    byte[] body = "<policies>\n  <inbound />\n</policies>\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    LoadResult<PolicyDocument> result = read("bom.xml", bytes);
    assertThat(result.diagnostics()).isEmpty();
    PolicyDocument document = result.value().orElseThrow();
    assertThat(document.root().position().column()).isEqualTo(1);
    assertThat(document.root().children().get(0).position().toString()).isEqualTo("bom.xml:2:3");
  }

  @Test
  void accepts_byte_order_mark_in_decoded_text() {
    LoadResult<PolicyDocument> result =
        PolicyReader.create().read("bom.xml", "\uFEFF<fragment>\n  <set-header name=\"X\" />\n</fragment>");
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.value().orElseThrow().root().children().get(0).position().toString())
        .isEqualTo("bom.xml:2:3");
  }

  @Test
  void rejects_invalid_utf8_with_position() {
    byte[] bytes =
        concat(
            "<policies>\n  <inbound>\n    <set-body>caf".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3, (byte) 0x28},
            "</set-body>\n  </inbound>\n</policies>".getBytes(StandardCharsets.UTF_8));
    assertSingle(read("latin1.xml", bytes), "INVALID_ENCODING 3:18");
  }

  @Test
  void rejects_utf16() {
    byte[] bytes = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "<\0p\0/\0>\0".getBytes(StandardCharsets.ISO_8859_1));
    assertSingle(read("utf16.xml", bytes), "INVALID_ENCODING 1:1");
  }

  @Test
  void rejects_ten_thousand_deep_nesting_quickly() {
    StringBuilder xml = new StringBuilder("<policies><inbound>\n");
    for (int i = 0; i < 10_000; i++) {
      xml.append("<choose>");
    }
    LoadResult<PolicyDocument> result = read("deep.xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    // policies (1), inbound (2), then the 62nd <choose> is level 64; the 63rd goes too deep.
    int column = 1 + 62 * "<choose>".length();
    assertSingle(result, "NESTING_TOO_DEEP 2:" + column);
  }

  @Test
  void rejects_deep_nesting_of_expression_literals_without_stack_overflow() {
    StringBuilder expression = new StringBuilder("@(");
    for (int i = 0; i < 20_000; i++) {
      expression.append("$\"{");
    }
    String xml = "<fragment><set-variable name=\"a\" value=\"" + expression + "\" /></fragment>";
    assertSingle(read("interpolation.xml", xml.getBytes(StandardCharsets.UTF_8)), "UNTERMINATED_EXPRESSION 1:41");
  }

  @Test
  void rejects_huge_attribute_at_its_name() {
    String xml =
        "<policies>\n  <inbound>\n    <set-header name=\"" + "a".repeat(70_000) + "\" />\n  </inbound>\n</policies>";
    assertSingle(read("attr.xml", xml.getBytes(StandardCharsets.UTF_8)), "ATTRIBUTE_TOO_LARGE 3:17");
  }

  @Test
  void rejects_huge_text_at_its_start() {
    ReaderOptions options =
        new ReaderOptions(PolicyCatalog.standard(), 256 * 1024, 512_000, 64, 64 * 1024, 1_000);
    String xml =
        "<policies>\n  <inbound>\n    <set-body>" + "b".repeat(5_000) + "</set-body>\n  </inbound>\n</policies>";
    assertSingle(read("text.xml", xml.getBytes(StandardCharsets.UTF_8), options), "TEXT_TOO_LARGE 3:15");
  }

  @Test
  void rejects_policy_document_over_its_limit() {
    String xml = "<policies>\n<!--" + "c".repeat(300_000) + "-->\n</policies>";
    assertSingle(read("big.xml", xml.getBytes(StandardCharsets.UTF_8)), "DOCUMENT_TOO_LARGE 1:1");
  }

  @Test
  void accepts_fragment_between_document_and_fragment_limits() {
    String policy = "<set-header name=\"X-Header\" exists-action=\"override\"><value>v</value></set-header>\n";
    String xml = "<fragment>\n" + policy.repeat(300_000 / policy.length()) + "</fragment>";
    LoadResult<PolicyDocument> result = read("big-fragment.xml", xml.getBytes(StandardCharsets.UTF_8));
    assertThat(readerDiagnostics(result)).isEmpty();
    assertThat(result.value()).isPresent();
  }

  @Test
  void rejects_anything_over_the_fragment_limit_before_parsing() {
    String xml = "<fragment>\n<!--" + "c".repeat(600_000) + "-->\n</fragment>";
    assertSingle(read("huge.xml", xml.getBytes(StandardCharsets.UTF_8)), "DOCUMENT_TOO_LARGE 1:1");
    assertSingle(
        assertTimeoutPreemptively(HANG_GUARD, () -> PolicyReader.create().read("huge.xml", xml)),
        "DOCUMENT_TOO_LARGE 1:1");
  }

  @Test
  void reports_missing_file_as_io_error(@TempDir Path dir) {
    Path missing = dir.resolve("missing.xml");
    LoadResult<PolicyDocument> result = PolicyReader.create().read(missing);
    assertThat(result.value()).isEmpty();
    assertThat(result.diagnostics()).singleElement().satisfies(d -> {
      assertThat(d.code()).isEqualTo(IO_ERROR.name());
      assertThat(d.position().file()).isEqualTo(missing.toString());
    });
  }

  @Test
  void reads_every_prefix_of_realistic_files_without_throwing() {
    PolicyReader reader = PolicyReader.create();
    for (String file : RealisticPoliciesTest.FILES) {
      String text = new String(RealisticPoliciesTest.resource("realistic/" + file), StandardCharsets.UTF_8);
      assertTimeoutPreemptively(
          HANG_GUARD,
          () -> {
            for (int cut = 0; cut < text.length(); cut += 1 + text.length() / 120) {
              LoadResult<PolicyDocument> result = reader.read(file, text.substring(0, cut));
              assertThat(result.value().isPresent() || result.hasErrors())
                  .as("%s cut at %d", file, cut)
                  .isTrue();
            }
          });
    }
  }

  private static LoadResult<PolicyDocument> read(String name, byte[] bytes) {
    return read(name, bytes, ReaderOptions.defaults());
  }

  private static LoadResult<PolicyDocument> read(String name, byte[] bytes, ReaderOptions options) {
    return assertTimeoutPreemptively(HANG_GUARD, () -> PolicyReader.create(options).read(name, bytes));
  }

  private static List<String> readerDiagnostics(LoadResult<PolicyDocument> result) {
    return result.diagnostics().stream()
        .filter(d -> READER_CODES.contains(DiagnosticCode.valueOf(d.code())))
        .map(BadInputTest::brief)
        .toList();
  }

  private static String brief(Diagnostic d) {
    return d.code() + " " + d.position().line() + ":" + d.position().column();
  }

  private static List<String> expectedList(String expected) {
    if (expected.startsWith("none")) {
      return List.of();
    }
    Matcher one = ONE.matcher(expected);
    List<String> list = new java.util.ArrayList<>();
    while (one.find()) {
      list.add(one.group(1) + " " + one.group(2) + ":" + one.group(3));
    }
    return list;
  }

  private static void assertSingle(LoadResult<PolicyDocument> result, String expected) {
    assertThat(result.value()).isEmpty();
    assertThat(result.diagnostics()).map(BadInputTest::brief).containsExactly(expected);
    assertThat(result.diagnostics().get(0).message()).isNotBlank();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
