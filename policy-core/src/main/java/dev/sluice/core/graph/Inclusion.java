package dev.sluice.core.graph;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Scope;
import dev.sluice.core.SourcePosition;
import java.util.Optional;

/**
 * One step by which a node reached the effective policy of an operation: a {@code <base/>} that
 * pulled in the parent scope's section, a scope without a policy file that inherits its parent
 * as if it held {@code <base/>}, or an {@code include-fragment} that inlined a fragment.
 *
 * @param kind what kind of step
 * @param from the scope whose document (or whose inlined fragment) holds the step
 * @param target the scope reached ({@code Scope.toString()}) or the fragment id
 * @param at where the {@code <base/>} or {@code include-fragment} element stands; empty for an
 *     implicit base
 */
public record Inclusion(Kind kind, Scope from, String target, Optional<SourcePosition> at) {

  /** The kinds of step. */
  public enum Kind {
    /** A {@code <base/>} element. */
    BASE,
    /** A scope with no policy document, or no such section, inheriting its parent unchanged. */
    IMPLICIT_BASE,
    /** An {@code include-fragment} element. */
    FRAGMENT
  }

  public Inclusion {
    requireNonNull(kind, "kind");
    requireNonNull(from, "from");
    requireNonNull(target, "target");
    requireNonNull(at, "at");
  }

  @Override
  public String toString() {
    String where = at.map(p -> " at " + p).orElse("");
    return switch (kind) {
      case BASE -> from + " <base/>" + where + " -> " + target;
      case IMPLICIT_BASE -> from + " (no policy) -> " + target;
      case FRAGMENT -> from + " include-fragment" + where + " -> fragment " + target;
    };
  }
}
