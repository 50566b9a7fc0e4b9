package dev.sluice.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
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
  void loads_without_diagnostics(String file) {
    LoadResult<PolicyDocument> result = read(file);
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.value()).isPresent();
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
