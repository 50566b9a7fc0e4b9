package dev.sluice.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One element of a policy document: a section, a policy, or an element inside a policy.
 *
 * <p>Immutable. {@code comments} are the comments that stand directly before this element in its
 * parent (or, for the root, before the root); {@code trailingComments} stand after the last child.
 * {@code text} is the element's text content when it has any: for elements whose catalog content is
 * raw (such as {@code set-body} holding a SOAP envelope) it is the inner markup verbatim.
 */
public record PolicyNode(
    String name,
    List<Attribute> attributes,
    List<PolicyNode> children,
    Optional<PolicyValue> text,
    List<Comment> comments,
    List<Comment> trailingComments,
    SourcePosition position) {

  public PolicyNode {
    requireNonNull(name, "name");
    attributes = List.copyOf(attributes);
    children = List.copyOf(children);
    requireNonNull(text, "text");
    comments = List.copyOf(comments);
    trailingComments = List.copyOf(trailingComments);
    requireNonNull(position, "position");
  }

  /** A node with no comments, convenient for code-built graphs and tests. */
  public static PolicyNode of(
      String name, List<Attribute> attributes, List<PolicyNode> children, SourcePosition position) {
    return new PolicyNode(name, attributes, children, Optional.empty(), List.of(), List.of(), position);
  }

  public Optional<Attribute> attribute(String attributeName) {
    for (Attribute attribute : attributes) {
      if (attribute.name().equals(attributeName)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }

  /** The attribute's text as written, if present. */
  public Optional<String> attributeText(String attributeName) {
    return attribute(attributeName).map(Attribute::text);
  }

  /** The first child element with this name. */
  public Optional<PolicyNode> child(String childName) {
    for (PolicyNode child : children) {
      if (child.name().equals(childName)) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** All child elements with this name, in document order. */
  public List<PolicyNode> children(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).toList();
  }

  public PolicyNode withChildren(List<PolicyNode> newChildren) {
    return new PolicyNode(name, attributes, newChildren, text, comments, trailingComments, position);
  }

  public PolicyNode withAttributes(List<Attribute> newAttributes) {
    return new PolicyNode(name, newAttributes, children, text, comments, trailingComments, position);
  }
}
