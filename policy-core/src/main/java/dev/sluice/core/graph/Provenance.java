package dev.sluice.core.graph;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Scope;
import dev.sluice.core.SourcePosition;
import java.util.List;
import java.util.Optional;

/**
 * Where a node of an effective policy came from.
 *
 * @param scope the scope whose policy holds the node, or whose policy included the fragment holding
 *     it
 * @param fragmentId the fragment the node was written in, when it came through {@code
 *     include-fragment} (the innermost one when fragments include fragments)
 * @param position where the element stands in its file
 * @param via the steps from the operation down to the node, in the order they were taken: the
 *     {@code <base/>} elements (or implicit bases) climbing the scopes, then the
 *     {@code include-fragment} elements; empty for a node written in the operation's own policy
 */
public record Provenance(
    Scope scope, Optional<String> fragmentId, SourcePosition position, List<Inclusion> via) {

  public Provenance {
    requireNonNull(scope, "scope");
    requireNonNull(fragmentId, "fragmentId");
    requireNonNull(position, "position");
    via = List.copyOf(via);
  }

  /** The file the node was written in. */
  public String file() {
    return position.file();
  }

  /** {@code api echo-api} or {@code api echo-api, fragment cors}. */
  public String label() {
    return fragmentId.map(id -> scope + ", fragment " + id).orElse(scope.toString());
  }
}
