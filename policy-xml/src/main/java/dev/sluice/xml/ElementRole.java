package dev.sluice.xml;

import dev.sluice.core.catalog.ContentModel;
import dev.sluice.core.catalog.ElementDescriptor;
import dev.sluice.core.catalog.PolicyCatalog;
import java.util.Optional;

/**
 * What the catalog says an element is, given its parent: this decides which elements keep their
 * inner markup verbatim ({@link ContentModel#RAW}). Reader and writer share it so they agree.
 */
record ElementRole(Kind kind, Optional<ElementDescriptor> descriptor) {

  enum Kind {
    /** {@code <policies>}: children are sections. */
    POLICIES_ROOT,
    /** A section, {@code <fragment>} or an element such as {@code when}: children are policies. */
    POLICY_LIST,
    /** A policy or policy child with a descriptor. */
    DESCRIBED,
    /** Not in the catalog: children are unknown too. */
    UNKNOWN
  }

  static final ElementRole POLICIES_ROOT = new ElementRole(Kind.POLICIES_ROOT, Optional.empty());
  static final ElementRole POLICY_LIST = new ElementRole(Kind.POLICY_LIST, Optional.empty());
  static final ElementRole UNKNOWN = new ElementRole(Kind.UNKNOWN, Optional.empty());

  static ElementRole root(String name) {
    return name.equals("policies") ? POLICIES_ROOT : POLICY_LIST;
  }

  boolean isRaw() {
    return descriptor.map(d -> d.content() == ContentModel.RAW).orElse(false);
  }

  ElementRole child(String name, PolicyCatalog catalog) {
    return switch (kind) {
      case POLICIES_ROOT -> POLICY_LIST;
      case POLICY_LIST -> catalog.find(name).map(p -> of(p.element())).orElse(UNKNOWN);
      case DESCRIBED -> descriptor.flatMap(d -> d.child(name)).map(ElementRole::of).orElse(UNKNOWN);
      case UNKNOWN -> UNKNOWN;
    };
  }

  private static ElementRole of(ElementDescriptor descriptor) {
    if (descriptor.content() == ContentModel.POLICIES) {
      return new ElementRole(Kind.POLICY_LIST, Optional.of(descriptor));
    }
    return new ElementRole(Kind.DESCRIBED, Optional.of(descriptor));
  }
}
