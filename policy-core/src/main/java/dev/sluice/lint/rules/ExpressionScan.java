package dev.sluice.lint.rules;

import dev.sluice.core.Attribute;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Section;
import dev.sluice.core.expr.CompiledExpression;
import dev.sluice.core.expr.ExpressionAnalysis;
import dev.sluice.core.expr.ExpressionCompiler;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The expressions of an effective policy, compiled, in execution order: sections in order, each
 * node's attributes then its text, then its children. Expressions that do not compile are skipped:
 * the load diagnostics report them, and what they read cannot be known.
 */
final class ExpressionScan {

  private static final ExpressionCompiler COMPILER = ExpressionCompiler.create();

  /**
   * One expression: the node that holds it, the section it runs in, the attribute holding it (empty
   * for the element's text), the value as written and what it reads.
   */
  record Use(
      GraphNode node,
      Section section,
      Optional<String> attribute,
      PolicyValue value,
      ExpressionAnalysis analysis) {

    /** Whether the expression reads a variable in {@code variables} (any, if the name is computed). */
    boolean readsAnyOf(Set<String> variables) {
      if (analysis.readsDynamicVariable() && !variables.isEmpty()) {
        return true;
      }
      return analysis.variablesRead().stream().anyMatch(variables::contains);
    }

    /** The variables in {@code variables} it reads, sorted; all of them if the name is computed. */
    List<String> variablesAmong(Set<String> variables) {
      if (analysis.readsDynamicVariable()) {
        return variables.stream().sorted().toList();
      }
      return analysis.variablesRead().stream().filter(variables::contains).sorted().toList();
    }
  }

  private ExpressionScan() {}

  /** Every compiled expression of the graph, in execution order. */
  static List<Use> uses(PolicyGraph graph, Map<String, String> namedValues) {
    List<Use> uses = new ArrayList<>();
    for (Section section : Section.values()) {
      for (GraphNode node : graph.section(section)) {
        collect(node, section, namedValues, uses);
      }
    }
    return List.copyOf(uses);
  }

  /** The compiled expressions of a node and its effective children, in order. */
  static List<Use> uses(GraphNode node, Section section, Map<String, String> namedValues) {
    List<Use> uses = new ArrayList<>();
    collect(node, section, namedValues, uses);
    return List.copyOf(uses);
  }

  private static void collect(
      GraphNode node, Section section, Map<String, String> namedValues, List<Use> into) {
    for (Attribute attribute : node.attributes()) {
      compile(attribute.value(), namedValues)
          .ifPresent(a -> into.add(new Use(node, section, Optional.of(attribute.name()), attribute.value(), a)));
    }
    node.text()
        .ifPresent(
            text -> compile(text, namedValues)
                .ifPresent(a -> into.add(new Use(node, section, Optional.empty(), text, a))));
    for (GraphNode child : node.children()) {
      collect(child, section, namedValues, into);
    }
  }

  private static Optional<ExpressionAnalysis> compile(
      PolicyValue value, Map<String, String> namedValues) {
    return value
        .expression()
        .flatMap(expression -> COMPILER.compile(expression, namedValues).value())
        .map(CompiledExpression::analysis);
  }

  /** {@code <log-to-eventhub>} or {@code the condition of <when>}, as messages name a use. */
  static String where(Use use) {
    return use.attribute()
        .map(name -> "the " + name + " of <" + use.node().name() + ">")
        .orElse("<" + use.node().name() + ">");
  }
}
