package dev.sluice.xml;

import dev.sluice.core.catalog.ContentModel;
import dev.sluice.core.catalog.ElementDescriptor;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.core.catalog.PolicyDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the catalog says an element is, given its parent: this decides which elements keep their
 * inner markup verbatim ({@link ContentModel#RAW}). Reader and writer share it so they agree.
 * Immutable; the roles of a catalog are resolved once into a {@link Table}, so that the lookup per
 * element is one hash probe.
 */
final class ElementRole {

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

  static final ElementRole POLICIES_ROOT = new ElementRole(Kind.POLICIES_ROOT, false, Map.of());
  static final ElementRole POLICY_LIST = new ElementRole(Kind.POLICY_LIST, false, Map.of());
  static final ElementRole UNKNOWN = new ElementRole(Kind.UNKNOWN, false, Map.of());

  private final Kind kind;
  private final boolean raw;
  /** For {@link Kind#DESCRIBED}: the roles of the children the descriptor names. */
  private final Map<String, ElementRole> children;

  private ElementRole(Kind kind, boolean raw, Map<String, ElementRole> children) {
    this.kind = kind;
    this.raw = raw;
    this.children = children;
  }

  static ElementRole root(String name) {
    return name.equals("policies") ? POLICIES_ROOT : POLICY_LIST;
  }

  Kind kind() {
    return kind;
  }

  boolean isRaw() {
    return raw;
  }

  ElementRole child(String name, Table table) {
    return switch (kind) {
      case POLICIES_ROOT -> POLICY_LIST;
      case POLICY_LIST -> table.policies.getOrDefault(name, UNKNOWN);
      case DESCRIBED -> children.getOrDefault(name, UNKNOWN);
      case UNKNOWN -> UNKNOWN;
    };
  }

  @Override
  public String toString() {
    return kind + (raw ? " (raw)" : "");
  }

  private static ElementRole of(ElementDescriptor descriptor) {
    boolean raw = descriptor.content() == ContentModel.RAW;
    if (descriptor.content() == ContentModel.POLICIES) {
      return new ElementRole(Kind.POLICY_LIST, raw, Map.of());
    }
    return new ElementRole(Kind.DESCRIBED, raw, childRoles(descriptor.children()));
  }

  private static Map<String, ElementRole> childRoles(List<ElementDescriptor> descriptors) {
    Map<String, ElementRole> roles = new HashMap<>();
    for (ElementDescriptor child : descriptors) {
      // The first descriptor of a name wins, as in ElementDescriptor#child.
      roles.computeIfAbsent(child.name(), name -> of(child));
    }
    return Map.copyOf(roles);
  }

  /** The role of every policy of one catalog. Immutable, thread-safe. */
  static final class Table {
    private final Map<String, ElementRole> policies;

    private Table(Map<String, ElementRole> policies) {
      this.policies = policies;
    }

    static Table of(PolicyCatalog catalog) {
      Map<String, ElementRole> policies = new HashMap<>();
      for (PolicyDescriptor policy : catalog.all()) {
        policies.put(policy.name(), ElementRole.of(policy.element()));
      }
      return new Table(Map.copyOf(policies));
    }
  }
}
