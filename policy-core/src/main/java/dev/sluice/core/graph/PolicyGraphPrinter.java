package dev.sluice.core.graph;

import dev.sluice.core.Attribute;
import dev.sluice.core.Gateway;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Section;
import dev.sluice.core.catalog.ContentModel;
import dev.sluice.core.catalog.ElementDescriptor;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.core.catalog.PolicyDescriptor;
import java.util.List;
import java.util.Optional;

/**
 * Prints a {@link PolicyGraph} as one {@code <policies>} document, every element preceded by a
 * comment naming where it came from: {@code <!-- api echo-api, apis/echo-api/policy.xml:5 -->}
 * (with {@code , fragment <id>} for an element written in a fragment).
 *
 * <p>The output is stable (same graph, same text), two-space indented, and well-formed XML:
 * attribute values and text are escaped, except the text of elements whose catalog content is raw
 * (such as {@code set-body}), printed verbatim as read. Comments of the source files are not
 * printed. Stateless and thread-safe.
 */
public final class PolicyGraphPrinter {
  private final PolicyCatalog catalog;

  private PolicyGraphPrinter(PolicyCatalog catalog) {
    this.catalog = catalog;
  }

  /** A printer that knows raw-content policies from the standard catalog. */
  public static PolicyGraphPrinter create() {
    return create(PolicyCatalog.standard());
  }

  public static PolicyGraphPrinter create(PolicyCatalog catalog) {
    return new PolicyGraphPrinter(catalog);
  }

  /** The graph as XML text, ending with a line break. */
  public String print(PolicyGraph graph) {
    StringBuilder out = new StringBuilder();
    Gateway.Operation operation = graph.operation();
    out.append("<!-- effective policy of operation ")
        .append(commentSafe(operation.apiId() + "/" + operation.id()))
        .append(" (")
        .append(commentSafe(operation.method() + " " + operation.urlTemplate()))
        .append(")");
    graph.product().ifPresent(p -> out.append(", product ").append(commentSafe(p.id())));
    if (operation.streaming()) {
      out.append(", streams Server-Sent Events");
    }
    out.append(" -->\n");
    if (graph.assumesDefaultGlobalPolicy()) {
      out.append("<!-- no global policy given: assuming APIM's default global policy -->\n");
    }
    out.append("<policies>\n");
    for (Section section : Section.values()) {
      List<GraphNode> nodes = graph.section(section);
      if (nodes.isEmpty()) {
        out.append("  <").append(section.xmlName()).append(" />\n");
        continue;
      }
      out.append("  <").append(section.xmlName()).append(">\n");
      for (GraphNode node : nodes) {
        printNode(node, 2, policy(node), out);
      }
      out.append("  </").append(section.xmlName()).append(">\n");
    }
    out.append("</policies>\n");
    return out.toString();
  }

  private void printNode(
      GraphNode node, int depth, Optional<ElementDescriptor> descriptor, StringBuilder out) {
    String indent = "  ".repeat(depth);
    Provenance provenance = node.provenance();
    out.append(indent)
        .append("<!-- ")
        .append(commentSafe(provenance.label() + ", " + provenance.file() + ":" + provenance.position().line()))
        .append(" -->\n");
    out.append(indent).append('<').append(node.name());
    for (Attribute attribute : node.attributes()) {
      out.append(' ').append(attribute.name()).append("=\"").append(escape(attribute.text(), true)).append('"');
    }
    Optional<PolicyValue> text = node.text();
    if (node.children().isEmpty() && text.isEmpty()) {
      out.append(" />\n");
      return;
    }
    out.append('>');
    boolean raw = descriptor.map(d -> d.content() == ContentModel.RAW).orElse(false);
    text.ifPresent(value -> out.append(raw ? value.text() : escape(value.text(), false)));
    if (!node.children().isEmpty()) {
      out.append('\n');
      boolean policies = descriptor.map(d -> d.content() == ContentModel.POLICIES).orElse(false);
      for (GraphNode child : node.children()) {
        Optional<ElementDescriptor> childDescriptor =
            policies ? policy(child) : descriptor.flatMap(d -> d.child(child.name()));
        printNode(child, depth + 1, childDescriptor, out);
      }
      out.append(indent);
    }
    out.append("</").append(node.name()).append(">\n");
  }

  private Optional<ElementDescriptor> policy(GraphNode node) {
    return catalog.find(node.name()).map(PolicyDescriptor::element);
  }

  private static String escape(String text, boolean attribute) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code --} may not appear inside an XML comment. */
  private static String commentSafe(String text) {
    return text.replace("--", "- -");
  }
}
