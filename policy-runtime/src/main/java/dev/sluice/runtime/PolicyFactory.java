package dev.sluice.runtime;

import dev.sluice.core.graph.GraphNode;
import java.util.Optional;

/**
 * Turns one policy element into a {@link PolicyStep}: reads and validates its attributes and
 * children into a configuration record once, at load. On bad configuration it reports diagnostics
 * at the element's position through the {@link Compilation} and returns empty. The runtime never
 * sees XML.
 */
@FunctionalInterface
interface PolicyFactory {
  Optional<PolicyStep> create(GraphNode node, Compilation compilation);
}
