package dev.sluice.lint.rules;

import dev.sluice.core.Severity;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.Locale;

/**
 * SSE010: an API with an operation that streams, on a gateway whose declared tier is Consumption,
 * which APIM documents as not supporting the long-running connections a stream needs. Reported at
 * the operation's declaration; needs the tier (a descriptor's {@code tier}).
 */
final class StreamOnConsumptionTier extends Rule {

  StreamOnConsumptionTier() {
    super(RuleInfo.of("SSE010", "An event stream API is on the Consumption tier", Severity.ERROR,
        "sse", "deployment"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    boolean consumption =
        context.gateway()
            .flatMap(g -> g.tier())
            .map(t -> t.trim().toLowerCase(Locale.ROOT).equals("consumption"))
            .orElse(false);
    if (consumption) {
      context.report(
          graph.operation().source(),
          ResponseBuffering.operation(graph) + " streams events, but the gateway is on the"
              + " Consumption tier, which does not support long-running connections; use a classic"
              + " or v2 tier (Developer, Basic, Standard, Premium)",
          FindingDetails.none());
    }
  }
}
