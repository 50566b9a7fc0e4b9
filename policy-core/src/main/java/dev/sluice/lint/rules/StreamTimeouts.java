package dev.sluice.lint.rules;

import dev.sluice.core.Attribute;
import dev.sluice.core.Gateway;
import dev.sluice.core.Section;
import dev.sluice.core.Severity;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * SSE009: a timeout that ends an event stream. {@code forward-request}'s {@code timeout} (seconds)
 * or {@code timeout-ms} shorter than the operation's declared longest gap between events, or above
 * 240 seconds (the Azure Load Balancer in front of APIM drops connections idle for 4 minutes, so a
 * longer wait needs keep-alive traffic; a warning); an absent timeout is APIM's default of 300
 * seconds. And the declared front proxy: buffering responses, or a request timeout shorter than the
 * gap between events. Timeouts set by expressions or named values are not judged.
 */
final class StreamTimeouts extends Rule {

  private static final String FORWARD_REQUEST = "forward-request";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
  static final Duration LOAD_BALANCER_IDLE = Duration.ofSeconds(240);

  StreamTimeouts() {
    super(RuleInfo.of("SSE009", "A timeout or proxy setting cuts or holds an event stream",
        Severity.ERROR, "sse", "timeouts"));
  }

  @Override
  public void checkGraph(PolicyGraph graph, RuleContext context) {
    if (!graph.operation().streaming()) {
      return;
    }
    Optional<Duration> gap = graph.operation().maxEventGap();
    for (Section section : List.of(Section.INBOUND, Section.BACKEND, Section.OUTBOUND)) {
      check(graph.section(section), gap, graph, context);
    }
    context.gateway().flatMap(Gateway::frontProxy).ifPresent(proxy -> checkProxy(proxy, gap, graph, context));
  }

  private static void check(
      List<GraphNode> nodes, Optional<Duration> gap, PolicyGraph graph, RuleContext context) {
    for (GraphNode node : nodes) {
      if (node.name().equals(FORWARD_REQUEST) && !ResponseBuffering.fromAssumedGlobalPolicy(node)) {
        checkForward(node, gap, graph, context);
      }
      check(node.children(), gap, graph, context);
    }
  }

  private static void checkForward(
      GraphNode node, Optional<Duration> gap, PolicyGraph graph, RuleContext context) {
    Optional<Attribute> seconds = node.attribute("timeout");
    Optional<Attribute> millis = node.attribute("timeout-ms");
    Optional<Attribute> given = millis.isPresent() ? millis : seconds;
    Duration timeout;
    if (given.isEmpty()) {
      timeout = DEFAULT_TIMEOUT;
    } else {
      Optional<Long> value = number(given.get());
      if (value.isEmpty()) {
        return;
      }
      timeout = millis.isPresent() ? Duration.ofMillis(value.get()) : Duration.ofSeconds(value.get());
    }
    String operation = ResponseBuffering.operation(graph);
    String what =
        given.map(a -> a.name() + "=\"" + a.value().text() + "\"")
            .orElse("no timeout (APIM's default is 300 seconds)");
    var at = given.map(a -> a.value().position()).orElse(node.position());
    if (gap.isPresent() && timeout.compareTo(gap.get()) < 0) {
      ResponseBuffering.reportInPlace(
          context, graph, node, at,
          "<" + node.name() + "> has " + what + ", shorter than the " + gap.get().toSeconds()
              + " seconds " + operation + " may wait between events: the stream is cut; raise the"
              + " timeout above the longest gap",
          FindingDetails.none());
    } else if (given.isPresent() && timeout.compareTo(LOAD_BALANCER_IDLE) > 0) {
      ResponseBuffering.reportInPlace(
          context, graph, node, at,
          "<" + node.name() + "> has " + what + ", above 240 seconds: the Azure Load Balancer in"
              + " front of APIM drops a connection idle for 4 minutes, so " + operation
              + " needs an event or keep-alive at least every 4 minutes for this timeout to matter",
          FindingDetails.none().withSeverityAtMost(Severity.WARNING));
    }
  }

  private static void checkProxy(
      Gateway.FrontProxy proxy, Optional<Duration> gap, PolicyGraph graph, RuleContext context) {
    String operation = ResponseBuffering.operation(graph);
    if (proxy.responseBuffering().orElse(false)) {
      context.report(
          proxy.source(),
          "the proxy in front of the gateway buffers responses, so no event of " + operation
              + " reaches the client before the stream ends; turn response buffering off for"
              + " streams",
          FindingDetails.none());
    }
    if (gap.isPresent() && proxy.requestTimeout().isPresent()
        && proxy.requestTimeout().get().compareTo(gap.get()) < 0) {
      context.report(
          proxy.source(),
          "the proxy in front of the gateway cuts requests after "
              + proxy.requestTimeout().get().toSeconds() + " seconds, shorter than the "
              + gap.get().toSeconds() + " seconds " + operation
              + " may wait between events; raise its request timeout",
          FindingDetails.none());
    }
  }

  private static Optional<Long> number(Attribute attribute) {
    if (!attribute.value().isPlainLiteral()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(attribute.value().text().trim()));
    } catch (NumberFormatException e) {
      return Optional.empty(); // not a number: the catalog validator reports it
    }
  }
}
