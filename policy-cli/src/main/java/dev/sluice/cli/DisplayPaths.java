package dev.sluice.cli;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.SourcePosition;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Shows file names the way a user typed them: relative to the working directory when the file lies
 * under it, absolute otherwise. Commands hand absolute paths to the loaders, so every real file name
 * in a result is absolute; other names (such as {@code <unknown>} or {@code
 * apim:default-global-policy}) pass unchanged.
 */
final class DisplayPaths {
  private final Path workingDirectory;

  DisplayPaths(Path workingDirectory) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
  }

  /** A command-line argument resolved against the working directory. */
  Path resolve(String argument) {
    return workingDirectory.resolve(argument).normalize();
  }

  String display(Path path) {
    Path absolute = workingDirectory.resolve(path).normalize();
    if (absolute.startsWith(workingDirectory) && !absolute.equals(workingDirectory)) {
      return workingDirectory.relativize(absolute).toString();
    }
    return absolute.toString();
  }

  String display(String file) {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException notAPath) {
      return file;
    }
    return path.isAbsolute() ? display(path) : file;
  }

  Diagnostic display(Diagnostic diagnostic) {
    SourcePosition position = diagnostic.position();
    String shown = display(position.file());
    if (shown.equals(position.file())) {
      return diagnostic;
    }
    return new Diagnostic(
        diagnostic.code(),
        diagnostic.severity(),
        diagnostic.message(),
        new SourcePosition(shown, position.line(), position.column()));
  }
}
