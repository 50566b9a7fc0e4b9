package dev.sluice.lint.rules;

import dev.sluice.core.Gateway;
import dev.sluice.core.Severity;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;

/**
 * SSE008: a request logging setting (an APIM diagnostic for Application Insights or Azure Monitor)
 * that covers an API with an operation that streams logs message bodies (a byte count above zero).
 * Reported at the byte count, once per setting and API; a gateway-wide setting covers every API.
 * Needs the gateway's logging settings (an APIOps extract's {@code diagnostics} folders).
 */
final class BodyLoggingOfStream extends Rule {

  BodyLoggingOfStream() {
    super(RuleInfo.of("SSE008", "Request logging records the bodies of an event stream API",
        Severity.ERROR, "sse", "logging"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming() || context.gateway().isEmpty()) {
      return;
    }
    String apiId = graph.api().id();
    for (Gateway.LoggingSettings settings : context.gateway().get().loggingOf(apiId)) {
      for (Gateway.BodyLogging body : settings.bodies()) {
        if (body.bytes() == 0) {
          continue;
        }
        String scope = settings.apiId().isPresent() ? "for API " + apiId : "for all APIs";
        context.report(
            body.position(),
            "the " + settings.id() + " logging " + scope + " records " + body.bytes()
                + " bytes of the " + body.message().replace('.', ' ')
                + " body, and API " + apiId
                + " streams events: body logging buffers the stream; set the byte count to 0"
                + (settings.apiId().isPresent() ? "" : " or override it for this API"),
            FindingDetails.none()
                .withSeverityAtMost(body.isResponse() ? Severity.ERROR : Severity.WARNING));
      }
    }
  }
}
