package dev.sluice.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: compared byte for byte, rewritten only when
 * the build runs with {@code -Dgolden.update=true} (then the test still fails once, so an update is
 * never silent).
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(String relativePath, String actual) throws IOException {
    Path file = TestPaths.module().resolve("src/test/resources/golden").resolve(relativePath);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(file.getParent());
      String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
      if (!actual.equals(before)) {
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        throw new AssertionError("golden file rewritten, check and commit it: " + file);
      }
    }
    assertThat(file).as("golden file (create with -Dgolden.update=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
