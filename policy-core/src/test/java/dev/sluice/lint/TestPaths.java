package dev.sluice.lint;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the module and the project root are when tests run (Maven sets {@code basedir}). */
public final class TestPaths {
  private TestPaths() {}

  public static Path module() {
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
  }

  public static Path project() {
    Path parent = module().getParent();
    if (parent == null || !Files.isRegularFile(parent.resolve("mvnw"))) {
      throw new IllegalStateException("tests must run from the policy-core module: " + module());
    }
    return parent;
  }
}
