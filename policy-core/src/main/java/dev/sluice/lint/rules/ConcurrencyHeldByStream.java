package dev.sluice.lint.rules;

import dev.sluice.core.Severity;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;

/**
 * SSE013 (advisory): {@code limit-concurrency} in an operation that streams holds one of its slots
 * for the whole life of each stream, minutes rather than milliseconds, so a small limit turns away
 * callers while streams idle between events.
 */
final class ConcurrencyHeldByStream extends Rule {

  ConcurrencyHeldByStream() {
    super(RuleInfo.of("SSE013", "limit-concurrency holds a slot for a whole event stream",
        Severity.INFO, "sse", "limits"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    for (GraphNode node : graph.allNodes()) {
      if (node.name().equals("limit-concurrency")) {
        ResponseBuffering.reportInPlace(
            context, graph, node, node.position(),
            "<limit-concurrency> holds a slot for as long as each stream of "
                + ResponseBuffering.operation(graph)
                + " lasts; size max-count for streams that stay open, or limit the request rate"
                + " instead",
            FindingDetails.none());
      }
    }
  }
}
