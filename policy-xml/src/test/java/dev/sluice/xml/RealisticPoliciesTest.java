package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Attribute;
import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Section;
import dev.sluice.core.PolicyDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every realistic, exported-form policy file loads without error and matches its golden dump. */
class RealisticPoliciesTest {
  static final String[] FILES = {
    "global.xml",
    "api-jwt.xml",
    "operation-choose.xml",
    "set-body-blocks.xml",
    "set-body-soap.xml",
    "set-body-envelope-expression.xml",
    "fragment-headers.xml",
    "sections-out-of-order.xml",
    "product-streaming.xml",
  };

  static Stream<String> files() {
    return Stream.of(FILES);
  }

  static byte[] resource(String path) {
    try (InputStream in = RealisticPoliciesTest.class.getResourceAsStream("/" + path)) {
      assertThat(in).as("resource %s", path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static LoadResult<PolicyDocument> read(String file) {
    return PolicyReader.create().read("realistic/" + file, resource("realistic/" + file));
  }

  @ParameterizedTest
  @MethodSource("files")
  void loads_without_errors(String file) {
    LoadResult<PolicyDocument> result = read(file);
    // Catalog validation may warn (for example about policies it does not describe yet); never errors.
    assertThat(result.errors()).isEmpty();
    assertThat(result.value()).isPresent();
  }

  @Test
  void places_expressions_and_elements_exactly() {
    PolicyDocument choose = read("operation-choose.xml").value().orElseThrow();
    PolicyNode chooseNode = choose.policies(Section.INBOUND).get(1);
    Attribute condition = chooseNode.children().get(1).attribute("condition").orElseThrow();
    PolicyNode forward = choose.policies(Section.BACKEND).get(0);

    assertThat(chooseNode.position().toString()).isEqualTo("realistic/operation-choose.xml:4:5");
    assertThat(condition.position().toString()).isEqualTo("realistic/operation-choose.xml:8:13");
    assertThat(condition.value().expression().orElseThrow().position().toString())
        .isEqualTo("realistic/operation-choose.xml:8:24");
    assertThat(condition.value().text()).contains("GetValueOrDefault<string>(\"X-Version\", \"1\").Length < 3 && ");
    assertThat(forward.attribute("timeout").orElseThrow().value().position().toString())
        .isEqualTo("realistic/operation-choose.xml:25:31");

    PolicyDocument blocks = read("set-body-blocks.xml").value().orElseThrow();
    Expression block = blocks.policies(Section.OUTBOUND).get(1).text().orElseThrow().expression().orElseThrow();
    assertThat(block.kind()).isEqualTo(Expression.Kind.BLOCK);
    assertThat(block.position().toString()).isEqualTo("realistic/set-body-blocks.xml:30:15");
    assertThat(block.code()).endsWith("return response.ToString();\n    ");

    PolicyDocument fragment = read("fragment-headers.xml").value().orElseThrow();
    assertThat(fragment.kind()).isEqualTo(PolicyDocument.Kind.FRAGMENT);
    assertThat(fragment.root().comments()).singleElement()
        .satisfies(c -> assertThat(c.position().toString()).isEqualTo("realistic/fragment-headers.xml:1:1"));
    PolicyNode log = fragment.root().children().get(5);
    assertThat(log.name()).isEqualTo("log-to-eventhub");
    assertThat(log.text().orElseThrow().expression().orElseThrow().position().toString())
        .isEqualTo("realistic/fragment-headers.xml:17:69");
  }

  @ParameterizedTest
  @MethodSource("files")
  void matches_golden_dump(String file) throws IOException {
    String dump = PolicyDocumentDump.dump(read(file).value().orElseThrow());
    Path golden = Paths.get("src/test/resources/golden", file.replace(".xml", ".dump.txt"));
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, dump, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file; run with -Dgolden.update=true to create it").exists();
    assertThat(dump).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
