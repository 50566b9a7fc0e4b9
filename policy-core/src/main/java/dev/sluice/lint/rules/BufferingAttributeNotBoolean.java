package dev.sluice.lint.rules;

import dev.sluice.core.Attribute;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Severity;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.Optional;

/**
 * SSE002: the attribute that decides whether a policy buffers the response of an event stream
 * ({@code forward-request}'s {@code buffer-response}) is an expression, a named value, a
 * placeholder or not a boolean, so whether the stream is buffered is not known before run time.
 * Reported at the attribute's value; the fix sets it to {@code false}.
 */
final class BufferingAttributeNotBoolean extends Rule {

  BufferingAttributeNotBoolean() {
    super(RuleInfo.of("SSE002", "Response buffering of an event stream is not a literal boolean",
        Severity.WARNING, "sse", "buffering"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    for (ResponseBuffering.Hit hit : ResponseBuffering.hits(graph, context.catalog())) {
      if (hit.access().bufferingAttribute().isEmpty() || hit.buffers().isPresent()) {
        continue;
      }
      String name = hit.access().bufferingAttribute().get();
      GraphNode node = hit.node();
      Optional<Attribute> attribute = node.attribute(name);
      if (attribute.isEmpty()) {
        continue;
      }
      PolicyValue value = attribute.get().value();
      String given;
      if (value.isExpression()) {
        given = "from an expression, decided per request";
      } else if (!value.namedValues().isEmpty()) {
        given = "from the named value {{" + value.namedValues().get(0).name() + "}}, decided at deployment";
      } else if (value.hasPlaceholder()) {
        given = "from a template placeholder, decided at deployment";
      } else {
        given = "to \"" + value.text() + "\", which is neither true nor false";
      }
      String message =
          "<" + node.name() + "> sets " + name + " " + given + "; the response of "
              + ResponseBuffering.operation(graph)
              + " is buffered whenever it is not false; set " + name + "=\"false\"";
      FindingDetails details = FindingDetails.none();
      Optional<dev.sluice.lint.Fix> fix = ResponseBuffering.setFalse(node, name);
      if (fix.isPresent()) {
        details = details.withFix(fix.get());
      }
      ResponseBuffering.reportInPlace(context, graph, node, value.position(), message, details);
    }
  }
}
