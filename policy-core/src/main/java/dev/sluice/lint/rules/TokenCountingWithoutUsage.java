package dev.sluice.lint.rules;

import dev.sluice.core.Attribute;
import dev.sluice.core.Severity;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.Set;

/**
 * SSE011 (advisory): token limit or token metric policies on a stream with no sign that the
 * request asks the model to report usage. A streamed chat completion carries token counts only
 * when the request sets {@code stream_options.include_usage}; without them the gateway estimates or
 * counts nothing. The heuristic: no attribute or text anywhere in the effective policy mentions
 * {@code include_usage} (a {@code set-body} or expression that adds it).
 */
final class TokenCountingWithoutUsage extends Rule {

  private static final Set<String> TOKEN_POLICIES =
      Set.of(
          "llm-token-limit", "azure-openai-token-limit", "llm-emit-token-metric",
          "azure-openai-emit-token-metric");
  private static final String EVIDENCE = "include_usage";

  TokenCountingWithoutUsage() {
    super(RuleInfo.of("SSE011", "Token counting on an event stream without include_usage",
        Severity.INFO, "sse", "ai"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    var nodes = graph.allNodes();
    if (nodes.stream().anyMatch(TokenCountingWithoutUsage::mentionsUsage)) {
      return;
    }
    for (GraphNode node : nodes) {
      if (TOKEN_POLICIES.contains(node.name())) {
        ResponseBuffering.reportInPlace(
            context, graph, node, node.position(),
            "<" + node.name() + "> counts tokens of " + ResponseBuffering.operation(graph)
                + ", but nothing here asks the model to report usage in the stream; add"
                + " \"stream_options\": {\"include_usage\": true} to the request (set-body) or"
                + " make sure clients send it",
            FindingDetails.none());
      }
    }
  }

  private static boolean mentionsUsage(GraphNode node) {
    for (Attribute attribute : node.attributes()) {
      if (attribute.value().text().contains(EVIDENCE)) {
        return true;
      }
    }
    return node.text().map(t -> t.text().contains(EVIDENCE)).orElse(false);
  }
}
