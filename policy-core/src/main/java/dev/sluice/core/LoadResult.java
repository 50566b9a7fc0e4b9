package dev.sluice.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading something: the value when it could be built (possibly with warnings, or
 * even errors that did not prevent building it) and every diagnostic found on the way.
 */
public record LoadResult<T>(Optional<T> value, List<Diagnostic> diagnostics) {

  public LoadResult {
    requireNonNull(value, "value");
    diagnostics = List.copyOf(diagnostics);
  }

  public static <T> LoadResult<T> of(T value, List<Diagnostic> diagnostics) {
    return new LoadResult<>(Optional.of(value), diagnostics);
  }

  public static <T> LoadResult<T> failed(List<Diagnostic> diagnostics) {
    return new LoadResult<>(Optional.empty(), diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(Diagnostic::isError).toList();
  }
}
