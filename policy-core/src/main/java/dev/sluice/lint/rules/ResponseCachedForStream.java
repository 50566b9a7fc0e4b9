package dev.sluice.lint.rules;

import dev.sluice.core.Section;
import dev.sluice.core.Severity;
import dev.sluice.core.catalog.BodyAccess;
import dev.sluice.core.catalog.PolicyDescriptor;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.List;
import java.util.Optional;

/**
 * SSE004: a response cache on an event stream. Any policy whose catalog entry declares that it
 * stores the response to serve it again ({@link BodyAccess.Mode#STORE}: {@code cache-store}, the
 * semantic cache stores) or answers with a stored response ({@link BodyAccess.Mode#SERVE}: {@code
 * cache-lookup}, the semantic cache lookups) is reported; no policy is named here. {@code on-error}
 * is left out: the stream has ended by then.
 */
final class ResponseCachedForStream extends Rule {

  ResponseCachedForStream() {
    super(RuleInfo.of("SSE004", "A response cache stores or serves an event stream",
        Severity.ERROR, "sse", "caching"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    for (Section section : Section.values()) {
      if (section != Section.ON_ERROR) {
        check(graph.section(section), section, graph, context);
      }
    }
  }

  private static void check(
      List<GraphNode> nodes, Section section, PolicyGraph graph, RuleContext context) {
    for (GraphNode node : nodes) {
      Optional<PolicyDescriptor> descriptor = context.catalog().find(node.name());
      Optional<BodyAccess> cache =
          descriptor.stream()
              .flatMap(d -> d.bodyAccess().stream())
              .filter(BodyAccess::caches)
              .filter(a -> a.resolveTarget(section) == BodyAccess.Target.RESPONSE)
              .findFirst();
      if (cache.isPresent()) {
        String operation = ResponseBuffering.operation(graph);
        String message =
            cache.get().mode() == BodyAccess.Mode.STORE
                ? "<" + node.name() + "> stores the response of " + operation
                    + " in a cache: it holds the whole stream in memory and later replays it whole"
                    + " and stale; do not cache this operation"
                : "<" + node.name() + "> may answer " + operation
                    + " with a cached response instead of the live stream; do not cache this"
                    + " operation";
        ResponseBuffering.reportInPlace(
            context, graph, node, node.position(), message, FindingDetails.none());
      }
      check(node.children(), section, graph, context);
    }
  }
}
