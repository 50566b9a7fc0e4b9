package dev.sluice.lint.rules;

import dev.sluice.core.Severity;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * SSE014: an operation that is not marked as streaming but looks like one, so the SSE rules do not
 * check it. Heuristics only, hence a warning: a URL template ending in {@code /chat/completions},
 * {@code /completions}, {@code /sse}, {@code -mcp/sse} or {@code /stream}, or a policy expression
 * that reads a {@code stream} flag from the request body. Reported at the operation's declaration
 * for a URL, at the expression otherwise; once per operation.
 */
final class UnmarkedStream extends Rule {

  private static final Pattern STREAM_PATH =
      Pattern.compile(".*(/chat/completions|/completions|/sse|/stream|/events)/?$");
  private static final Pattern STREAM_FLAG = Pattern.compile("[\"']stream[\"']");

  UnmarkedStream() {
    super(RuleInfo.of("SSE014", "An operation looks like an event stream but is not marked as one",
        Severity.WARNING, "sse", "detection"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (graph.operation().streaming()) {
      return;
    }
    String how =
        "; mark it (streaming=\"sse\" in the descriptor, text/event-stream in its OpenAPI responses,"
            + " or <!-- sluice:sse --> in its policy file) so the stream rules check it";
    String path = graph.operation().urlTemplate().toLowerCase(Locale.ROOT);
    if (STREAM_PATH.matcher(path).matches()) {
      context.report(
          graph.operation().source(),
          ResponseBuffering.operation(graph) + " (" + graph.operation().urlTemplate()
              + ") looks like an event stream" + how,
          FindingDetails.none());
      return;
    }
    for (ExpressionScan.Use use : ExpressionScan.uses(graph, context.namedValues())) {
      if (use.analysis().readsRequestBody() && STREAM_FLAG.matcher(use.value().text()).find()) {
        ResponseBuffering.reportInPlace(
            context, graph, use.node(), use.value().position(),
            ExpressionScan.where(use) + " reads a \"stream\" flag from the request body, so "
                + ResponseBuffering.operation(graph) + " may stream" + how,
            FindingDetails.none());
        return;
      }
    }
  }
}
