package dev.sluice.lint.rules;

import dev.sluice.core.Section;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.RelatedLocation;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SSE005: an expression reads {@code context.Response.Body} in an operation that streams, in any
 * policy (a log message, a trace, a condition, a header value), directly or through a variable set
 * earlier from it. Reading the body waits for all of it. The effective policy is walked in execution
 * order; a {@code set-variable} whose value derives from the response body (directly or from another
 * such variable) makes its variable body-derived for what follows. {@code on-error} is left out.
 */
final class ResponseBodyReadByExpression extends Rule {

  ResponseBodyReadByExpression() {
    super(RuleInfo.of("SSE005", "An expression reads the response body of an event stream",
        Severity.ERROR, "sse", "buffering", "expressions"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    String operation = ResponseBuffering.operation(graph);
    // Variable name -> where it was set from the response body.
    Map<String, SourcePosition> derived = new HashMap<>();
    for (ExpressionScan.Use use : ExpressionScan.uses(graph, context.namedValues())) {
      if (use.section() == Section.ON_ERROR) {
        continue;
      }
      boolean direct = use.analysis().readsResponseBody();
      List<String> through = use.variablesAmong(derived.keySet());
      if (!direct && through.isEmpty()) {
        continue;
      }
      FindingDetails details = FindingDetails.none();
      String message;
      if (direct) {
        message =
            ExpressionScan.where(use) + " reads context.Response.Body, which waits for the whole"
                + " response of " + operation
                + ": no event reaches the client before the stream ends; do not read the body of a"
                + " stream";
      } else {
        String variable = through.get(0);
        details =
            details.withRelated(
                RelatedLocation.of(
                    derived.get(variable), "'" + variable + "' is set from the response body here"));
        message =
            ExpressionScan.where(use) + " reads the variable '" + variable
                + "', set from context.Response.Body, so the whole response of " + operation
                + " is read first; do not derive values from the body of a stream";
      }
      if (isVariableValue(use)) {
        use.node().attributeText("name").ifPresent(name -> derived.putIfAbsent(name, use.value().position()));
      }
      ResponseBuffering.reportInPlace(
          context, graph, use.node(), use.value().position(), message, details);
    }
  }

  static boolean isVariableValue(ExpressionScan.Use use) {
    return use.node().name().equals("set-variable") && use.attribute().filter("value"::equals).isPresent();
  }
}
