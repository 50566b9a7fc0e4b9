package dev.sluice.lint.rules;

import dev.sluice.core.Severity;
import dev.sluice.core.catalog.BodyAccess;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;

/**
 * SSE006: a policy rewrites the response body of an event stream ({@code set-body},
 * {@code find-and-replace}, {@code json-to-xml}, ... in outbound), which holds the whole body in
 * memory. Any policy whose descriptor declares a buffering rewrite of the response is covered.
 */
final class PolicyRewritesStream extends Rule {

  PolicyRewritesStream() {
    super(RuleInfo.of("SSE006", "A policy rewrites the response body of an event stream",
        Severity.ERROR, "sse", "buffering"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    for (ResponseBuffering.Hit hit : ResponseBuffering.hits(graph, context.catalog())) {
      BodyAccess access = hit.access();
      if (access.bufferingAttribute().isPresent() || access.mode() != BodyAccess.Mode.REWRITE) {
        continue;
      }
      ResponseBuffering.report(
          context,
          graph,
          hit.node(),
          ResponseBuffering.subject(hit.node()) + " rewrites the response body of "
              + ResponseBuffering.operation(graph)
              + ", holding the whole stream in memory, so no event reaches the client before it"
              + " ends; remove it from this operation",
          FindingDetails.none());
    }
  }
}
