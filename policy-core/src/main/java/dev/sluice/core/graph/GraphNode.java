package dev.sluice.core.graph;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Attribute;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * One element of an effective policy: the element as written ({@code node}), its effective children
 * (with {@code include-fragment} replaced by the fragment's policies, recursively) and where it came
 * from.
 *
 * <p>{@code node.children()} are the children as written; {@link #children()} are the effective
 * ones, which is what rules and the runtime should read. Immutable.
 */
public record GraphNode(PolicyNode node, List<GraphNode> children, Provenance provenance) {

  public GraphNode {
    requireNonNull(node, "node");
    children = List.copyOf(children);
    requireNonNull(provenance, "provenance");
  }

  public String name() {
    return node.name();
  }

  public List<Attribute> attributes() {
    return node.attributes();
  }

  public Optional<Attribute> attribute(String attributeName) {
    return node.attribute(attributeName);
  }

  public Optional<String> attributeText(String attributeName) {
    return node.attributeText(attributeName);
  }

  public Optional<PolicyValue> text() {
    return node.text();
  }

  public SourcePosition position() {
    return node.position();
  }

  /** The first effective child with this name. */
  public Optional<GraphNode> child(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).findFirst();
  }

  /** The effective children with this name, in order. */
  public List<GraphNode> children(String childName) {
    return children.stream().filter(c -> c.name().equals(childName)).toList();
  }
}
