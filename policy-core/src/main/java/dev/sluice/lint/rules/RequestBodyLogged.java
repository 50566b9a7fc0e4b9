package dev.sluice.lint.rules;

import dev.sluice.core.Section;
import dev.sluice.core.Severity;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SSE007: a {@code log-to-eventhub} or {@code trace} message of an operation that streams includes
 * the request body, directly ({@code context.Request.Body}) or through a variable set from it
 * earlier. APIM's guidance for streams is to log no bodies: the body is buffered to be logged, and
 * prompts end up in logs. A warning: the request is read before the stream starts.
 */
final class RequestBodyLogged extends Rule {

  private static final Set<String> LOGGING = Set.of("log-to-eventhub", "trace");

  RequestBodyLogged() {
    super(RuleInfo.of("SSE007", "A log or trace message of an event stream includes the request body",
        Severity.WARNING, "sse", "logging", "expressions"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    // Variables set from the request body so far, in execution order.
    Set<String> derived = new HashSet<>();
    for (Section section : Section.values()) {
      check(graph.section(section), section, graph, context, derived);
    }
  }

  private static void check(
      List<GraphNode> nodes,
      Section section,
      PolicyGraph graph,
      RuleContext context,
      Set<String> derived) {
    for (GraphNode node : nodes) {
      if (LOGGING.contains(node.name())) {
        for (ExpressionScan.Use use : ExpressionScan.uses(node, section, context.namedValues())) {
          if (use.analysis().readsRequestBody() || use.readsAnyOf(derived)) {
            String how =
                use.analysis().readsRequestBody()
                    ? "context.Request.Body"
                    : "the variable '" + use.variablesAmong(derived).get(0) + "', set from the request body";
            ResponseBuffering.reportInPlace(
                context,
                graph,
                node,
                use.value().position(),
                "<" + node.name() + "> logs " + how + " of " + ResponseBuffering.operation(graph)
                    + ": the body is buffered to be logged, and APIM's guidance for streams is to"
                    + " log no bodies; log ids and sizes instead",
                FindingDetails.none());
            break;
          }
        }
        continue;
      }
      for (ExpressionScan.Use use : ExpressionScan.uses(node, section, context.namedValues())) {
        boolean fromBody = use.analysis().readsRequestBody() || use.readsAnyOf(derived);
        if (fromBody && ResponseBodyReadByExpression.isVariableValue(use)) {
          use.node().attributeText("name").ifPresent(derived::add);
        }
      }
      check(node.children(), section, graph, context, derived);
    }
  }
}
