package dev.sluice.core.catalog;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Everything Sluice knows about one policy, stated once: where it may stand, how often, its element
 * shape (attributes, children) and which body it touches. The reader's validation, the linter, the
 * runtime, the XSD and the docs all read it.
 */
public record PolicyDescriptor(
    ElementDescriptor element,
    Set<Section> sections,
    Set<ScopeLevel> scopes,
    Multiplicity multiplicity,
    List<BodyAccess> bodyAccess,
    String summary,
    String reference) {

  public PolicyDescriptor {
    requireNonNull(element, "element");
    sections = sections.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sections));
    scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    requireNonNull(multiplicity, "multiplicity");
    bodyAccess = List.copyOf(bodyAccess);
    requireNonNull(summary, "summary");
    requireNonNull(reference, "reference");
  }

  /** The optional {@code id} attribute every policy accepts. */
  static final AttributeDescriptor ID_ATTRIBUTE =
      AttributeDescriptor.builder("id", AttributeType.STRING)
          .description("Optional identifier, reported as context.LastError.PolicyId when the policy fails")
          .build();

  public String name() {
    return element.name();
  }

  public boolean allowedIn(Section section) {
    return sections.contains(section);
  }

  public boolean allowedAt(ScopeLevel scope) {
    return scopes.contains(scope);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Fluent builder, used by the catalog entries. */
  public static final class Builder {
    private final ElementDescriptor.Builder element;
    private Set<Section> sections = EnumSet.allOf(Section.class);
    private Set<ScopeLevel> scopes = EnumSet.allOf(ScopeLevel.class);
    private Multiplicity multiplicity = Multiplicity.ANY;
    private final java.util.ArrayList<BodyAccess> bodyAccess = new java.util.ArrayList<>();
    private String summary = "";
    private String reference = "";
    private final Set<String> attributeNames = new java.util.HashSet<>();

    private Builder(String name) {
      this.element = ElementDescriptor.builder(name);
    }

    public Builder sections(Section first, Section... rest) {
      this.sections = EnumSet.of(first, rest);
      return this;
    }

    public Builder scopes(ScopeLevel first, ScopeLevel... rest) {
      this.scopes = EnumSet.of(first, rest);
      return this;
    }

    public Builder multiplicity(Multiplicity value) {
      this.multiplicity = value;
      return this;
    }

    public Builder attribute(AttributeDescriptor.Builder attribute) {
      return attribute(attribute.build());
    }

    public Builder attribute(AttributeDescriptor attribute) {
      element.attribute(attribute);
      attributeNames.add(attribute.name());
      return this;
    }

    public Builder child(ElementDescriptor.Builder child) {
      element.child(child);
      return this;
    }

    public Builder child(ElementDescriptor child) {
      element.child(child);
      return this;
    }

    public Builder content(ContentModel content) {
      element.content(content);
      return this;
    }

    /** Holds policies, and only these as immediate children. */
    public Builder childPolicies(String first, String... rest) {
      element.childPolicies(first, rest);
      return this;
    }

    public Builder text(boolean expressions) {
      element.text(expressions);
      return this;
    }

    public Builder body(BodyAccess access) {
      bodyAccess.add(access);
      return this;
    }

    public Builder summary(String text) {
      this.summary = text;
      element.description(text);
      return this;
    }

    /** The APIM policy reference page this entry follows. */
    public Builder reference(String url) {
      this.reference = url;
      return this;
    }

    /**
     * Builds the descriptor. Every APIM policy accepts an optional {@code id} attribute (its value is
     * reported as {@code context.LastError.PolicyId}), so it is added here unless declared.
     */
    public PolicyDescriptor build() {
      if (!attributeNames.contains(ID_ATTRIBUTE.name())) {
        attribute(ID_ATTRIBUTE);
      }
      return new PolicyDescriptor(
          element.build(), sections, scopes, multiplicity, bodyAccess, summary, reference);
    }
  }
}
