package dev.sluice.xml;

import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.Expression;
import dev.sluice.core.NamedValueRef;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.SourcePosition;
import java.util.List;
import java.util.Optional;

/** Test helper: documents compared by content, with every position replaced by one constant. */
final class PolicyDocuments {
  private PolicyDocuments() {}

  private static final SourcePosition NOWHERE = SourcePosition.UNKNOWN;

  static PolicyDocument withoutPositions(PolicyDocument document) {
    return new PolicyDocument("", document.kind(), node(document.root()));
  }

  private static PolicyNode node(PolicyNode node) {
    return new PolicyNode(
        node.name(),
        node.attributes().stream()
            .map(a -> new Attribute(a.name(), value(a.value()), NOWHERE))
            .toList(),
        node.children().stream().map(PolicyDocuments::node).toList(),
        node.text().map(PolicyDocuments::value),
        comments(node.comments()),
        comments(node.trailingComments()),
        NOWHERE);
  }

  private static List<Comment> comments(List<Comment> comments) {
    return comments.stream().map(c -> new Comment(c.text(), NOWHERE)).toList();
  }

  private static PolicyValue value(PolicyValue value) {
    Optional<Expression> expression =
        value.expression().map(e -> new Expression(e.kind(), e.text(), NOWHERE));
    return new PolicyValue(
        value.text(),
        NOWHERE,
        expression,
        value.namedValues().stream().map(r -> new NamedValueRef(r.name(), NOWHERE)).toList());
  }
}
