package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.graph.PolicyGraph;
import java.util.ArrayList;
import java.util.List;

/**
 * One lint rule: its metadata, declared once in the constructor, and checks that report nodes.
 *
 * <p>A rule overrides the {@code check...} methods for what it inspects (files as written, or the
 * effective policy of each operation) and calls {@link RuleContext#report}; the {@link Linter}
 * turns each report into a {@link Finding} with the rule's id, the configured severity, the node's
 * position and any suppression. Rules are stateless and thread-safe: one instance serves every
 * run. Adding a rule is one class, one line in the sorted
 * list of {@code dev.sluice.lint.rules.StandardRules}, one {@code docs/rules/<ID>.md} page and one
 * pass and one fail fixture.
 */
public abstract class Rule {

  private final RuleInfo info;

  protected Rule(RuleInfo info) {
    this.info = requireNonNull(info, "info");
  }

  public final RuleInfo info() {
    return info;
  }

  public final String id() {
    return info.id();
  }

  /** Checks one policy file as written. Does nothing unless overridden. */
  public void checkDocument(PolicyDocument document, RuleContext context) {}

  /**
   * Checks the effective policy of one operation (for one product). A node inherited by several
   * operations is seen once per graph; identical findings are merged. Does nothing unless
   * overridden.
   */
  public void checkGraph(PolicyGraph graph, RuleContext context) {}

  /**
   * Checks one policy file against the findings every rule reported in this run (suppressed ones
   * included), for rules about findings themselves, such as suppressions that suppress nothing.
   * Runs after all other checks; sees no finding of another {@code checkFindings}. Does nothing
   * unless overridden.
   */
  public void checkFindings(PolicyDocument document, List<Finding> findings, RuleContext context) {}

  /** The document's root and every element below it, in document order. */
  protected static List<PolicyNode> nodes(PolicyDocument document) {
    List<PolicyNode> result = new ArrayList<>();
    collect(document.root(), result);
    return List.copyOf(result);
  }

  private static void collect(PolicyNode node, List<PolicyNode> into) {
    into.add(node);
    for (PolicyNode child : node.children()) {
      collect(child, into);
    }
  }

  @Override
  public String toString() {
    return info.id() + ": " + info.summary();
  }
}
