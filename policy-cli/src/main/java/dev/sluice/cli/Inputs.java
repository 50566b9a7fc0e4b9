package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.SourcePosition;
import dev.sluice.xml.PolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Loads the PATH arguments of a command: policy files and folders of them. */
final class Inputs {

  /** Every file read and every diagnostic found. */
  record Loaded(List<Path> files, List<Diagnostic> diagnostics) {
    Loaded {
      files = List.copyOf(files);
      diagnostics = List.copyOf(diagnostics);
    }

    boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** Whether some input could not be read at all, which is reported like a usage error. */
    boolean hasUnreadableInput() {
      return diagnostics.stream().anyMatch(d -> d.code().equals(DiagnosticCode.IO_ERROR.name()));
    }
  }

  private final PolicyReader reader;

  Inputs(PolicyReader reader) {
    this.reader = requireNonNull(reader, "reader");
  }

  /**
   * Checks that every argument names something readable; returns the message for the first that
   * does not, so the command can stop before loading anything.
   */
  static Optional<String> unreadable(List<Path> paths, DisplayPaths display) {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        return Optional.of(display.display(path) + ": no such file or directory");
      }
      if (!Files.isReadable(path)) {
        return Optional.of(display.display(path) + ": permission denied");
      }
    }
    return Optional.empty();
  }

  Loaded load(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        listPolicyFiles(path, files, diagnostics);
      } else {
        files.add(path);
      }
    }
    for (Path file : files) {
      diagnostics.addAll(reader.read(file).diagnostics());
    }
    return new Loaded(files, diagnostics);
  }

  private static void listPolicyFiles(Path folder, List<Path> files, List<Diagnostic> diagnostics) {
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".xml"))
          .sorted()
          .forEach(files::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.IO_ERROR,
              SourcePosition.of(folder.toString(), 1, 1),
              "cannot list folder: " + e.getMessage()));
    }
  }
}
