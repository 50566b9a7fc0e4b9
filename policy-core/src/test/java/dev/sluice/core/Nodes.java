package dev.sluice.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds policy documents in code with explicit positions, as the reader would produce them: an
 * attribute's value starts after {@code name="}, and a value or text that is one whole
 * {@code @(...)} / {@code @{...}} becomes an {@link Expression}.
 */
public final class Nodes {
  private Nodes() {}

  public static final String FILE = "test.xml";

  public static SourcePosition at(int line, int column) {
    return SourcePosition.of(FILE, line, column);
  }

  /** An element starting (at its {@code <}) at {@code line:column}. */
  public static Element element(String name, int line, int column) {
    return new Element(name, at(line, column));
  }

  /** A {@code <policies>} document at 1:1 holding these sections. */
  public static PolicyDocument policies(Element... sections) {
    return new PolicyDocument(
        FILE, PolicyDocument.Kind.POLICY, element("policies", 1, 1).child(sections).build());
  }

  /** A {@code <fragment>} document at 1:1 holding these policies. */
  public static PolicyDocument fragment(Element... policies) {
    return new PolicyDocument(
        FILE, PolicyDocument.Kind.FRAGMENT, element("fragment", 1, 1).child(policies).build());
  }

  /** A value as the reader makes it: an expression when it is one whole expression. */
  public static PolicyValue value(String text, SourcePosition position) {
    if (text.startsWith("@(") && text.endsWith(")")) {
      return PolicyValue.ofExpression(new Expression(Expression.Kind.INLINE, text, position));
    }
    if (text.startsWith("@{") && text.endsWith("}")) {
      return PolicyValue.ofExpression(new Expression(Expression.Kind.BLOCK, text, position));
    }
    return PolicyValue.literal(text, position);
  }

  /** A mutable element under construction. */
  public static final class Element {
    private final String name;
    private final SourcePosition position;
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<PolicyNode> children = new ArrayList<>();
    private Optional<PolicyValue> text = Optional.empty();

    private Element(String name, SourcePosition position) {
      this.name = name;
      this.position = position;
    }

    /**
     * An attribute whose name starts at {@code line:column}; its value starts after {@code name="}.
     */
    public Element attr(String attributeName, String attributeValue, int line, int column) {
      SourcePosition valueAt = at(line, column + attributeName.length() + 2);
      attributes.add(
          new Attribute(attributeName, value(attributeValue, valueAt), at(line, column)));
      return this;
    }

    /** Text content starting at {@code line:column}. */
    public Element text(String content, int line, int column) {
      this.text = Optional.of(value(content, at(line, column)));
      return this;
    }

    public Element child(Element... elements) {
      for (Element element : elements) {
        children.add(element.build());
      }
      return this;
    }

    public Element child(PolicyNode node) {
      children.add(node);
      return this;
    }

    public PolicyNode build() {
      return new PolicyNode(name, attributes, children, text, List.of(), List.of(), position);
    }
  }
}
