package dev.sluice.lint.rules;

import dev.sluice.core.Severity;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Fix;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.Optional;

/**
 * SSE001: a policy whose buffering of the response is decided by an attribute ({@code
 * forward-request}'s {@code buffer-response}, true unless set to false) buffers an event stream.
 * Inherited from APIM's default global policy, or decided by an expression, the finding rests on an
 * assumption and is at most a warning. An attribute that is not a literal boolean (an expression, a
 * named value) is left to SSE002.
 */
final class ForwardRequestBuffersStream extends Rule {

  ForwardRequestBuffersStream() {
    super(RuleInfo.of("SSE001", "forward-request buffers the response of an event stream",
        Severity.ERROR, "sse", "buffering"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    for (ResponseBuffering.Hit hit : ResponseBuffering.hits(graph, context.catalog())) {
      if (hit.access().bufferingAttribute().isEmpty() || hit.buffers().isEmpty()) {
        continue; // an attribute that is not a literal boolean is SSE002's
      }
      String attribute = hit.access().bufferingAttribute().get();
      GraphNode node = hit.node();
      String operation = ResponseBuffering.operation(graph);
      FindingDetails details = FindingDetails.none();
      String message;
      if (ResponseBuffering.fromAssumedGlobalPolicy(node)) {
        message =
            "no global policy was given, so APIM's default global policy is assumed: its plain <"
                + node.name() + "/> buffers the whole response of " + operation
                + "; forward the request in this operation with " + attribute
                + "=\"false\" instead of inheriting it";
        details = details.withSeverityAtMost(Severity.WARNING);
      } else {
        boolean explicit = node.attribute(attribute).isPresent();
        message =
            ResponseBuffering.subject(node)
                + (explicit ? " sets " + attribute + "=\"true\", which buffers" : " buffers")
                + " the whole response of " + operation
                + (explicit ? "" : " (" + attribute + " defaults to true)")
                + ", so no event reaches the client before the stream ends; set " + attribute
                + "=\"false\"";
      }
      Optional<Fix> fix = ResponseBuffering.setFalse(node, attribute);
      if (fix.isPresent()) {
        details = details.withFix(fix.get());
      }
      ResponseBuffering.report(context, graph, node, message, details);
    }
  }
}
