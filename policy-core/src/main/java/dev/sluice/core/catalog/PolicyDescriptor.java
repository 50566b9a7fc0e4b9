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
      element.attribute(attribute);
      return this;
    }

    public Builder child(ElementDescriptor.Builder child) {
      element.child(child);
      return this;
    }

    public Builder content(ContentModel content) {
      element.content(content);
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

    public PolicyDescriptor build() {
      return new PolicyDescriptor(
          element.build(), sections, scopes, multiplicity, bodyAccess, summary, reference);
    }
  }
}
