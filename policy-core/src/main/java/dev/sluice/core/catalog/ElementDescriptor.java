package dev.sluice.core.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape of one element: its attributes, what it contains, and how often it may occur in its
 * parent ({@code maxOccurs} -1 means unbounded). An element holding policies may name the only
 * policies allowed as its immediate children ({@code childPolicies}; empty: any policy).
 */
public record ElementDescriptor(
    String name,
    List<AttributeDescriptor> attributes,
    ContentModel content,
    List<ElementDescriptor> children,
    int minOccurs,
    int maxOccurs,
    boolean textExpressionAllowed,
    Set<String> childPolicies,
    String description) {

  public static final int UNBOUNDED = -1;

  public ElementDescriptor {
    requireNonNull(name, "name");
    attributes = List.copyOf(attributes);
    requireNonNull(content, "content");
    children = List.copyOf(children);
    // Kept in the catalog's order, for messages and docs.
    childPolicies = Collections.unmodifiableSet(new LinkedHashSet<>(childPolicies));
    requireNonNull(description, "description");
    if (!childPolicies.isEmpty() && content != ContentModel.POLICIES) {
      throw new IllegalArgumentException(
          "only an element holding policies can restrict them: " + name);
    }
  }

  public Optional<AttributeDescriptor> attribute(String attributeName) {
    // A loop, not a stream: the validator asks this for every attribute it reads.
    for (AttributeDescriptor attribute : attributes) {
      if (attribute.name().equals(attributeName)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }

  public Optional<ElementDescriptor> child(String childName) {
    for (ElementDescriptor child : children) {
      if (child.name().equals(childName)) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Fluent builder, used by the catalog entries. */
  public static final class Builder {
    private final String name;
    private final List<AttributeDescriptor> attributes = new ArrayList<>();
    private ContentModel content = ContentModel.EMPTY;
    private final List<ElementDescriptor> children = new ArrayList<>();
    private int minOccurs = 0;
    private int maxOccurs = 1;
    private boolean textExpressionAllowed;
    private final Set<String> childPolicies = new LinkedHashSet<>();
    private String description = "";

    private Builder(String name) {
      this.name = name;
    }

    public Builder attribute(AttributeDescriptor attribute) {
      attributes.add(attribute);
      return this;
    }

    public Builder attribute(AttributeDescriptor.Builder attribute) {
      return attribute(attribute.build());
    }

    public Builder content(ContentModel model) {
      this.content = model;
      return this;
    }

    /** Text content; {@code expressions} says whether it may be one whole policy expression. */
    public Builder text(boolean expressions) {
      this.content = ContentModel.TEXT;
      this.textExpressionAllowed = expressions;
      return this;
    }

    public Builder child(ElementDescriptor child) {
      this.content = ContentModel.ELEMENTS;
      children.add(child);
      return this;
    }

    public Builder child(ElementDescriptor.Builder child) {
      return child(child.build());
    }

    /** Holds policies, and only these as immediate children (deeper levels are not limited). */
    public Builder childPolicies(String first, String... rest) {
      this.content = ContentModel.POLICIES;
      childPolicies.add(first);
      childPolicies.addAll(List.of(rest));
      return this;
    }

    public Builder occurs(int min, int max) {
      this.minOccurs = min;
      this.maxOccurs = max;
      return this;
    }

    public Builder description(String text) {
      this.description = text;
      return this;
    }

    public ElementDescriptor build() {
      return new ElementDescriptor(
          name,
          attributes,
          content,
          children,
          minOccurs,
          maxOccurs,
          textExpressionAllowed,
          childPolicies,
          description);
    }
  }
}
