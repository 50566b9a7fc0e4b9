package dev.sluice.xml;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Scope;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.catalog.CatalogValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the policy files a gateway declares, checks each is the right kind of document for where it
 * is used, and adds the scope checks of the catalog. Shared by the descriptor and APIOps loaders.
 */
final class PolicyFiles {
  private final PolicyReader reader;
  private final CatalogValidator validator;

  PolicyFiles(PolicyReader reader, CatalogValidator validator) {
    this.reader = reader;
    this.validator = validator;
  }

  /** A file that must exist: a missing one is reported at {@code declaredAt}. */
  Optional<PolicyDocument> scoped(Path file, SourcePosition declaredAt, Scope scope, List<Diagnostic> out) {
    if (!Files.isRegularFile(file)) {
      out.add(
          Diagnostic.of(
              DiagnosticCode.MISSING_POLICY_FILE,
              declaredAt,
              "the policy file of " + scope + " does not exist: " + file));
      return Optional.empty();
    }
    return read(file, scope, out);
  }

  /** A file that may be absent (APIOps: a scope without policy has no file). */
  Optional<PolicyDocument> optional(Path file, Scope scope, List<Diagnostic> out) {
    return Files.isRegularFile(file) ? read(file, scope, out) : Optional.empty();
  }

  private Optional<PolicyDocument> read(Path file, Scope scope, List<Diagnostic> out) {
    LoadResult<PolicyDocument> result = reader.read(file);
    out.addAll(result.diagnostics());
    if (result.value().isEmpty()) {
      return Optional.empty();
    }
    PolicyDocument document = result.value().get();
    if (document.kind() != PolicyDocument.Kind.POLICY) {
      out.add(
          Diagnostic.of(
              DiagnosticCode.WRONG_ROOT,
              document.root().position(),
              "the policy of " + scope + " must be a <policies> document, not a <" + document.root().name() + ">"));
      return Optional.empty();
    }
    out.addAll(validator.validateScope(document, scope.level()));
    return Optional.of(document);
  }

  /** A fragment file; {@code declaredAt} is where it was declared, for a missing file. */
  Optional<PolicyDocument> fragment(Path file, SourcePosition declaredAt, String id, List<Diagnostic> out) {
    if (!Files.isRegularFile(file)) {
      out.add(
          Diagnostic.of(
              DiagnosticCode.MISSING_POLICY_FILE, declaredAt, "the file of fragment '" + id + "' does not exist: " + file));
      return Optional.empty();
    }
    LoadResult<PolicyDocument> result = reader.read(file);
    out.addAll(result.diagnostics());
    if (result.value().isEmpty()) {
      return Optional.empty();
    }
    PolicyDocument document = result.value().get();
    if (document.kind() != PolicyDocument.Kind.FRAGMENT) {
      out.add(
          Diagnostic.of(
              DiagnosticCode.WRONG_ROOT,
              document.root().position(),
              "fragment '" + id + "' must be a <fragment> document, not a <" + document.root().name() + ">"));
      return Optional.empty();
    }
    return Optional.of(document);
  }
}
