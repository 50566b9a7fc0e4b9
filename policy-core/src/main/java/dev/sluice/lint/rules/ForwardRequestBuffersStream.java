package dev.sluice.lint.rules;

import dev.sluice.core.Attribute;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Fix;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.TextEdit;
import java.util.Optional;

/**
 * SSE001: a policy whose buffering of the response is decided by an attribute ({@code
 * forward-request}'s {@code buffer-response}, true unless set to false) buffers an event stream.
 * Inherited from APIM's default global policy, or decided by an expression, the finding rests on an
 * assumption and is at most a warning.
 */
final class ForwardRequestBuffersStream extends Rule {

  ForwardRequestBuffersStream() {
    super(RuleInfo.of("SSE001", "forward-request buffers the response of an event stream",
        Severity.ERROR, "sse", "buffering"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    for (ResponseBuffering.Hit hit : ResponseBuffering.hits(graph, context.catalog())) {
      if (hit.access().bufferingAttribute().isEmpty()) {
        continue;
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
      } else if (hit.buffers().isEmpty()) {
        message =
            ResponseBuffering.subject(node) + " sets " + attribute
                + " from an expression or named value; the response of " + operation
                + " is buffered whenever it is true; set " + attribute + "=\"false\"";
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
      Optional<Fix> fix = fix(node, attribute);
      if (fix.isPresent()) {
        details = details.withFix(fix.get());
      }
      ResponseBuffering.report(context, graph, node, message, details);
    }
  }

  /** Sets the attribute to false where it is written; nothing for the assumed global policy. */
  private static Optional<Fix> fix(GraphNode node, String attribute) {
    if (ResponseBuffering.fromAssumedGlobalPolicy(node)) {
      return Optional.empty();
    }
    String description = "Set " + attribute + "=\"false\" on this " + node.name();
    Optional<Attribute> present = node.attribute(attribute);
    if (present.isEmpty()) {
      SourcePosition start = node.position();
      SourcePosition afterName = start.at(start.line(), start.column() + 1 + node.name().length());
      return Optional.of(Fix.of(description, TextEdit.insert(afterName, " " + attribute + "=\"false\"")));
    }
    var value = present.get().value();
    if (value.text().indexOf('\n') >= 0) {
      return Optional.empty();
    }
    SourcePosition start = value.position();
    SourcePosition end = start.at(start.line(), start.column() + value.text().length());
    return Optional.of(Fix.of(description, new TextEdit(start, end, "false")));
  }
}
