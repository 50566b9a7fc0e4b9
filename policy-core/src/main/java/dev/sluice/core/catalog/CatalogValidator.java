package dev.sluice.core.catalog;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.ScopeLevel;
import java.util.List;

/**
 * Checks a {@link PolicyDocument} against a {@link PolicyCatalog}: policies allowed in their section,
 * once-per-section rules, attributes (known, required, typed, expression allowed), child elements,
 * fragment restrictions. Scope limits need the scope, so they are a separate call.
 *
 * <p>Thread-safe; returns every problem found, never throws for bad input.
 */
public final class CatalogValidator {
  private final PolicyCatalog catalog;

  private CatalogValidator(PolicyCatalog catalog) {
    this.catalog = catalog;
  }

  public static CatalogValidator create(PolicyCatalog catalog) {
    return new CatalogValidator(catalog);
  }

  public PolicyCatalog catalog() {
    return catalog;
  }

  /** Everything that does not depend on the scope the document is attached to. */
  public List<Diagnostic> validate(PolicyDocument document) {
    return List.of(); // TODO(validator): implemented on the validator branch
  }

  /** Scope limits: policies allowed only at some scopes, {@code <base/>} at global scope. */
  public List<Diagnostic> validateScope(PolicyDocument document, ScopeLevel level) {
    return List.of(); // TODO(validator): implemented on the validator branch
  }
}
