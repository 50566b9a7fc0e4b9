package dev.sluice.lint.rules;

import dev.sluice.core.Severity;
import dev.sluice.core.catalog.BodyAccess;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;

/**
 * SSE003: a policy reads the whole response of an event stream before passing it on (in today's
 * catalog: {@code validate-content} in outbound). Any policy whose descriptor declares an
 * always-buffering read of the response is covered; response caches, declared as storing the
 * response rather than reading it, are SSE004's.
 */
final class PolicyReadsWholeStream extends Rule {

  PolicyReadsWholeStream() {
    super(RuleInfo.of("SSE003", "A policy reads the whole response of an event stream",
        Severity.ERROR, "sse", "buffering"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    for (ResponseBuffering.Hit hit : ResponseBuffering.hits(graph, context.catalog())) {
      BodyAccess access = hit.access();
      if (access.bufferingAttribute().isPresent() || access.mode() != BodyAccess.Mode.READ) {
        continue;
      }
      ResponseBuffering.report(
          context,
          graph,
          hit.node(),
          ResponseBuffering.subject(hit.node()) + " reads the whole response of "
              + ResponseBuffering.operation(graph)
              + " into memory, so no event reaches the client before the stream ends; remove it"
              + " from this operation",
          FindingDetails.none());
    }
  }
}
