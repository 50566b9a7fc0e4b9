package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Gateway;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Severity;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.core.graph.GraphNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a rule sees while it checks: the catalog, which rule ids exist, and {@code report} methods.
 *
 * <p>One context serves one rule in one run; it is not thread-safe. Reports are turned into {@link
 * Finding}s here: the rule's id, its configured severity, the position (the node's unless given)
 * (lowered by {@link FindingDetails#withSeverityAtMost}) and, when a {@code sluice-disable} comment
 * directly before the node names the rule, the suppression.
 */
public final class RuleContext {

  private final RuleInfo rule;
  private final Severity severity;
  private final PolicyCatalog catalog;
  private final RuleRegistry registry;
  private final Map<SourcePosition, PolicyNode> elements;
  private final Set<String> enabled;
  private final Optional<Gateway> gateway;
  private final List<Finding> findings = new ArrayList<>();

  RuleContext(
      RuleInfo rule,
      Severity severity,
      PolicyCatalog catalog,
      RuleRegistry registry,
      Map<SourcePosition, PolicyNode> elements,
      Set<String> enabled,
      Optional<Gateway> gateway) {
    this.rule = requireNonNull(rule, "rule");
    this.severity = requireNonNull(severity, "severity");
    this.catalog = requireNonNull(catalog, "catalog");
    this.registry = requireNonNull(registry, "registry");
    this.elements = requireNonNull(elements, "elements");
    this.enabled = Set.copyOf(enabled);
    this.gateway = requireNonNull(gateway, "gateway");
  }

  /**
   * The gateway being linted, when the run lints a whole gateway: its tier, front proxy, logging
   * settings and named values. Empty when documents and graphs were given without one.
   */
  public Optional<Gateway> gateway() {
    return gateway;
  }

  /** The named values with a known value, by name; empty without a gateway. */
  public Map<String, String> namedValues() {
    Map<String, String> values = new HashMap<>();
    gateway.ifPresent(
        g -> g.namedValues().forEach((name, value) -> value.value().ifPresent(v -> values.put(name, v))));
    return Map.copyOf(values);
  }

  /** The catalog the run lints against; rules read {@code BodyAccess} and the like from it. */
  public PolicyCatalog catalog() {
    return catalog;
  }

  /** Whether a rule with this id is registered (enabled or not). */
  public boolean isKnownRule(String ruleId) {
    return registry.find(ruleId).isPresent();
  }

  /** Whether a rule with this id runs in this run (registered and not configured off). */
  public boolean isEnabledRule(String ruleId) {
    return enabled.contains(ruleId);
  }

  /** Reports {@code node} at its own position. */
  public void report(PolicyNode node, String message) {
    report(node, node.position(), message, FindingDetails.none());
  }

  /** Reports {@code node} at its own position, with details. */
  public void report(PolicyNode node, String message, FindingDetails details) {
    report(node, node.position(), message, details);
  }

  /** Reports a node of an effective policy at the position where it is written. */
  public void report(GraphNode node, String message, FindingDetails details) {
    report(node.node(), node.position(), message, details);
  }

  /**
   * Reports the element that starts at {@code position} (a {@code <base/>} through which an
   * operation inherits a node, say): its {@code sluice-disable} comments apply when the element is
   * among the linted documents.
   */
  public void report(SourcePosition position, String message, FindingDetails details) {
    PolicyNode element = elements.get(position);
    if (element != null) {
      report(element, position, message, details);
    } else {
      findings.add(Finding.of(rule.id(), details.apply(severity), position, message, details));
    }
  }

  /**
   * Reports {@code node} at {@code position} (an attribute or comment of the node, say). The node
   * decides suppression: its {@code sluice-disable} comments apply.
   */
  public void report(
      PolicyNode node, SourcePosition position, String message, FindingDetails details) {
    requireNonNull(node, "node");
    Finding finding = Finding.of(rule.id(), details.apply(severity), position, message, details);
    for (SuppressionComment suppression : SuppressionComment.parseAll(node.comments())) {
      if (suppression.names(rule.id())) {
        finding = finding.suppressedBy(suppression.toSuppression());
        break;
      }
    }
    findings.add(finding);
  }

  /** The findings reported since the last call, in report order. */
  List<Finding> drain() {
    List<Finding> result = List.copyOf(findings);
    findings.clear();
    return result;
  }
}
