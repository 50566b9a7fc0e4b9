package dev.sluice.lint.rules;

import dev.sluice.core.Severity;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.Optional;

/**
 * SSE012 (advisory): a {@code retry} around a {@code forward-request} of an operation that streams.
 * When the stream fails after the first events were relayed, a retry sends the request again and
 * the client gets a second stream after a partial first one (or the retry fails, the response having
 * started). Reported at the {@code retry}.
 */
final class RetryAroundStream extends Rule {

  RetryAroundStream() {
    super(RuleInfo.of("SSE012", "retry around the forward-request of an event stream",
        Severity.INFO, "sse", "retry"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    for (GraphNode node : graph.allNodes()) {
      if (node.name().equals("retry")) {
        Optional<GraphNode> forward = find(node, "forward-request");
        if (forward.isPresent()) {
          ResponseBuffering.reportInPlace(
              context, graph, node, node.position(),
              "<retry> around <forward-request> of " + ResponseBuffering.operation(graph)
                  + " sends the request again when a stream fails part way: the client may get"
                  + " events twice; retry only failures before the response starts (a condition on"
                  + " the status code) or not at all",
              FindingDetails.none());
        }
      }
    }
  }

  private static Optional<GraphNode> find(GraphNode node, String name) {
    for (GraphNode child : node.children()) {
      if (child.name().equals(name)) {
        return Optional.of(child);
      }
      Optional<GraphNode> deeper = find(child, name);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }
}
