package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.xml.GatewayLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the PATH arguments of a command, each into a {@link Gateway}: policy files, folders of them,
 * APIOps extracts and gateway descriptors (the {@link GatewayLoader} tells them apart).
 */
final class Inputs {

  /** One PATH argument loaded: the gateway when the input could be recognized, and its diagnostics. */
  record Loaded(Path path, Optional<Gateway> gateway, List<Diagnostic> diagnostics) {
    Loaded {
      requireNonNull(path, "path");
      requireNonNull(gateway, "gateway");
      diagnostics = List.copyOf(diagnostics);
    }

    /** The policy files read: every scope's document, every fragment, and files that failed to load. */
    Set<String> files() {
      Set<String> files = new LinkedHashSet<>();
      gateway.ifPresent(
          g -> {
            g.scopedDocuments().forEach(d -> files.add(d.document().file()));
            g.fragments().values().stream().map(PolicyDocument::file).forEach(files::add);
          });
      diagnostics.stream().map(d -> d.position().file()).filter(f -> f.endsWith(".xml")).forEach(files::add);
      files.remove(PolicyGraph.DEFAULT_GLOBAL_POLICY_FILE);
      return files;
    }
  }

  private final GatewayLoader loader;

  Inputs(GatewayLoader loader) {
    this.loader = requireNonNull(loader, "loader");
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

  /** Loads one input; with {@code withGraphs}, also builds every operation's graph for its diagnostics. */
  Loaded load(Path path, boolean withGraphs) {
    LoadResult<Gateway> loaded = loader.load(path);
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
    if (withGraphs && loaded.value().isPresent()) {
      diagnostics.addAll(PolicyGraph.buildAll(loaded.value().get()).diagnostics());
    }
    return new Loaded(path, loaded.value(), diagnostics.stream().distinct().toList());
  }

  /** Whether some input could not be read at all, which is reported like a usage error. */
  static boolean hasUnreadableInput(List<Diagnostic> diagnostics) {
    return diagnostics.stream().anyMatch(d -> d.code().equals(DiagnosticCode.IO_ERROR.name()));
  }

  static boolean hasErrors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }
}
