package dev.sluice.lint.rules;

import dev.sluice.core.Attribute;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.catalog.BodyAccess;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.core.catalog.PolicyDescriptor;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.Inclusion;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.core.graph.Provenance;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Fix;
import dev.sluice.lint.TextEdit;
import dev.sluice.lint.RelatedLocation;
import dev.sluice.lint.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the SSE rules share: finding, in the effective policy of an operation that streams, the
 * nodes whose catalog {@link BodyAccess} says they hold the response in memory, and reporting them
 * where the author can act (the node itself, or the {@code <base/>} / {@code include-fragment} in
 * the operation's own policy through which it is inherited).
 *
 * <p>Only the catalog decides; no policy name appears here, so a new buffering policy is linted as
 * soon as its descriptor declares its body access.
 */
final class ResponseBuffering {

  /** A node whose access to the response body may hold the whole stream. */
  record Hit(GraphNode node, Section section, BodyAccess access, Optional<Boolean> buffers) {}

  private ResponseBuffering() {}

  /**
   * Every response-body access in the graph that buffers or may buffer (decided by an expression),
   * when the operation streams; nothing otherwise. {@code on-error} is left out: the stream has
   * ended by then.
   */
  static List<Hit> hits(PolicyGraph graph, PolicyCatalog catalog) {
    List<Hit> hits = new ArrayList<>();
    if (!graph.operation().streaming()) {
      return hits;
    }
    for (Section section : Section.values()) {
      if (section != Section.ON_ERROR) {
        collect(graph.section(section), section, catalog, hits);
      }
    }
    return hits;
  }

  private static void collect(
      List<GraphNode> nodes, Section section, PolicyCatalog catalog, List<Hit> into) {
    for (GraphNode node : nodes) {
      Optional<PolicyDescriptor> descriptor = catalog.find(node.name());
      if (descriptor.isPresent()) {
        for (BodyAccess access : descriptor.get().bodyAccess()) {
          if (access.resolveTarget(section) != BodyAccess.Target.RESPONSE) {
            continue;
          }
          Optional<Boolean> buffers = access.buffers(node.node());
          if (!buffers.equals(Optional.of(false))) {
            into.add(new Hit(node, section, access, buffers));
          }
        }
      }
      collect(node.children(), section, catalog, into);
    }
  }

  /** {@code operation echo/stream}, as messages name the operation. */
  static String operation(PolicyGraph graph) {
    return graph.scope().toString();
  }

  /** Whether the node comes from APIM's default global policy, assumed for want of a file. */
  static boolean fromAssumedGlobalPolicy(GraphNode node) {
    return node.position().file().equals(PolicyGraph.DEFAULT_GLOBAL_POLICY_FILE);
  }

  /**
   * Reports a hit: at the node when the operation's own policy holds it, otherwise at the first
   * {@code <base/>} or {@code include-fragment} through which it arrives, with the inheritance
   * chain and the node as related location.
   */
  static void report(
      RuleContext context,
      PolicyGraph graph,
      GraphNode node,
      String message,
      FindingDetails details) {
    Provenance provenance = node.provenance();
    if (provenance.via().isEmpty()) {
      context.report(node, message, details);
      return;
    }
    String chain = chain(graph, node).orElseThrow();
    Optional<SourcePosition> step =
        provenance.via().stream().map(Inclusion::at).flatMap(Optional::stream).findFirst();
    if (step.isEmpty()) {
      // Inherited only through scopes without policy files: nowhere better to point than the node.
      context.report(node, message, details.withInheritance(chain));
      return;
    }
    context.report(
        step.get(),
        message,
        details
            .withInheritance(chain)
            .withRelated(
                RelatedLocation.of(
                    node.position(),
                    "the " + node.name() + " inherited from " + provenance.label())));
  }

  /**
   * The inheritance chain that brought a node into the operation ({@code operation a/s > api a >
   * global}), empty for a node written in the operation's own policy.
   */
  static Optional<String> chain(PolicyGraph graph, GraphNode node) {
    if (node.provenance().via().isEmpty()) {
      return Optional.empty();
    }
    StringBuilder chain = new StringBuilder(graph.scope().toString());
    for (Inclusion step : node.provenance().via()) {
      chain.append(" > ");
      if (step.kind() == Inclusion.Kind.FRAGMENT) {
        chain.append("fragment ");
      }
      chain.append(step.target());
    }
    return Optional.of(chain.toString());
  }

  /**
   * Reports a node at {@code position} (the node's own, or one of its attributes or expressions),
   * where it is written even when inherited: the inheritance chain is then named in the message
   * and carried as details, with the {@code <base/>} or {@code include-fragment} it came through as
   * related location.
   */
  static void reportInPlace(
      RuleContext context,
      PolicyGraph graph,
      GraphNode node,
      SourcePosition position,
      String message,
      FindingDetails details) {
    Optional<String> chain = chain(graph, node);
    if (chain.isEmpty()) {
      context.report(node.node(), position, message, details);
      return;
    }
    FindingDetails inherited = details.withInheritance(chain.get());
    Optional<Inclusion> step =
        node.provenance().via().stream().filter(s -> s.at().isPresent()).findFirst();
    if (step.isPresent()) {
      inherited =
          inherited.withRelated(
              RelatedLocation.of(
                  step.get().at().get(),
                  "the operation inherits it through this "
                      + (step.get().kind() == Inclusion.Kind.FRAGMENT ? "include-fragment" : "<base/>")));
    }
    context.report(node.node(), position, message + " (inherited: " + chain.get() + ")", inherited);
  }

  /** Sets the attribute to false where it is written; nothing for the assumed global policy. */
  static Optional<Fix> setFalse(GraphNode node, String attribute) {
    if (fromAssumedGlobalPolicy(node)) {
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

  /** "The forward-request inherited from global" or "This forward-request". */
  static String subject(GraphNode node) {
    return node.provenance().via().isEmpty()
        ? "<" + node.name() + ">"
        : "<" + node.name() + "> inherited from " + node.provenance().label();
  }
}
