package dev.sluice.core.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@link PolicyDocument} against a {@link PolicyCatalog}: policies known and allowed in
 * their section, once-only policies, attributes (known, required, typed, expression allowed), child
 * elements (known, how many, text), and what a fragment may not hold. Scope limits need the scope
 * the document is attached to, so they are a separate call.
 *
 * <p>What is checked: every policy of every section, and the policies nested in elements whose
 * content is policies ({@code when}, {@code otherwise}, {@code retry}), which inherit the enclosing
 * section. Sibling policy lists such as the {@code when}s and {@code otherwise} of one {@code
 * choose} are alternatives, so a once-only policy may appear in each. Unknown policies are reported
 * as warnings and not looked into; {@link ContentModel#RAW RAW} content is not looked into. Values
 * holding a named value ({@code {{x}}}) are resolved at deploy time and not type-checked; values
 * holding an unrendered deployment placeholder ({@code ${x}}, {@code %{x}}, {@code {x}}) are
 * reported as unchecked. The document's structure (root and section names) is the reader's to
 * check.
 *
 * <p>Results are sorted by position. Immutable and thread-safe; never throws for any document
 * (graphs built in code and nested deeper than any readable document get one {@code
 * NESTING_TOO_DEEP} and are not checked below it). Null arguments are programmer errors.
 */
public final class CatalogValidator {
  private final PolicyCatalog catalog;

  private CatalogValidator(PolicyCatalog catalog) {
    this.catalog = catalog;
  }

  public static CatalogValidator create(PolicyCatalog catalog) {
    return new CatalogValidator(requireNonNull(catalog, "catalog"));
  }

  public PolicyCatalog catalog() {
    return catalog;
  }

  /** Everything that does not depend on the scope the document is attached to. */
  public List<Diagnostic> validate(PolicyDocument document) {
    requireNonNull(document, "document");
    return new ValidationRun(catalog, document).run();
  }

  /**
   * Scope limits: policies allowed only at some scopes, {@code <base/>} at global scope. For a
   * fragment, {@code level} is the scope of the document that includes it.
   */
  public List<Diagnostic> validateScope(PolicyDocument document, ScopeLevel level) {
    requireNonNull(document, "document");
    requireNonNull(level, "level");
    List<Diagnostic> diagnostics = new ArrayList<>();
    boolean fragment = document.kind() == PolicyDocument.Kind.FRAGMENT;
    if (fragment) {
      scopePolicies(document.root().children(), level, true, 2, diagnostics);
    } else {
      for (PolicyNode child : document.root().children()) {
        if (Section.fromXmlName(child.name()).isPresent()) {
          scopePolicies(child.children(), level, false, 3, diagnostics);
        }
      }
    }
    diagnostics.sort(null);
    return List.copyOf(diagnostics);
  }

  private void scopePolicies(
      List<PolicyNode> policies,
      ScopeLevel level,
      boolean fragment,
      int depth,
      List<Diagnostic> out) {
    // validate() reports the nesting; here deeper policies are simply not looked at.
    if (depth > ValidationRun.MAX_DEPTH) {
      return;
    }
    for (PolicyNode node : policies) {
      if (fragment && Section.fromXmlName(node.name()).isPresent()) {
        scopePolicies(node.children(), level, true, depth + 1, out);
        continue;
      }
      boolean base = node.name().equals(ValidationRun.BASE);
      if (base && level == ScopeLevel.GLOBAL) {
        // In a fragment <base/> is already an error of its own (FRAGMENT_CONTAINS_BASE).
        if (!fragment) {
          out.add(
              Diagnostic.of(
                  DiagnosticCode.BASE_AT_GLOBAL_SCOPE,
                  node.position(),
                  "<base/> is not allowed at global scope, which has no parent scope to evaluate;"
                      + " remove it"));
        }
        continue;
      }
      Optional<PolicyDescriptor> found = catalog.find(node.name());
      if (found.isEmpty()) {
        continue;
      }
      PolicyDescriptor descriptor = found.get();
      if (!descriptor.allowedAt(level)) {
        out.add(
            Diagnostic.of(
                DiagnosticCode.POLICY_NOT_ALLOWED_IN_SCOPE,
                node.position(),
                "policy '"
                    + node.name()
                    + "' is not allowed at "
                    + Wording.scope(level)
                    + " scope; "
                    + (descriptor.scopes().isEmpty()
                        ? "it is not allowed at any scope — remove it"
                        : "it is allowed at " + Wording.scopes(descriptor.scopes()) + " only")));
      }
      scopeElement(node, descriptor.element(), level, fragment, depth, out);
    }
  }

  private void scopeElement(
      PolicyNode node,
      ElementDescriptor descriptor,
      ScopeLevel level,
      boolean fragment,
      int depth,
      List<Diagnostic> out) {
    if (depth > ValidationRun.MAX_DEPTH) {
      return;
    }
    if (descriptor.content() == ContentModel.POLICIES) {
      scopePolicies(node.children(), level, fragment, depth + 1, out);
    } else if (descriptor.content() == ContentModel.ELEMENTS) {
      for (PolicyNode child : node.children()) {
        descriptor
            .child(child.name())
            .ifPresent(c -> scopeElement(child, c, level, fragment, depth + 1, out));
      }
    }
  }
}
