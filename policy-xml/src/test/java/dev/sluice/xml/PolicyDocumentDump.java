package dev.sluice.xml;

import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.NamedValueRef;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.SourcePosition;
import java.util.ArrayDeque;
import java.util.Deque;

/** A readable, line-per-fact dump of a document with every position, for golden files. */
final class PolicyDocumentDump {
  private PolicyDocumentDump() {}

  static String dump(PolicyDocument document) {
    StringBuilder out = new StringBuilder();
    out.append(document.kind()).append('\n');
    // Iterative so that a deep document cannot overflow the stack here either.
    Deque<Object[]> work = new ArrayDeque<>();
    work.push(new Object[] {document.root(), 0});
    while (!work.isEmpty()) {
      Object[] item = work.pop();
      int depth = (Integer) item[1];
      if (item[0] instanceof String line) {
        indent(out, depth).append(line).append('\n');
        continue;
      }
      PolicyNode node = (PolicyNode) item[0];
      for (Comment comment : node.comments()) {
        indent(out, depth).append("comment ").append(at(comment.position())).append(' ')
            .append(quote(comment.text())).append('\n');
      }
      indent(out, depth).append('<').append(node.name()).append("> ").append(at(node.position()))
          .append('\n');
      for (Attribute attribute : node.attributes()) {
        indent(out, depth + 1).append('@').append(attribute.name()).append(' ')
            .append(at(attribute.position())).append(" = ").append(value(attribute.value()))
            .append('\n');
      }
      node.text().ifPresent(text -> indent(out, depth + 1).append("text = ").append(value(text)).append('\n'));
      Deque<Object[]> later = new ArrayDeque<>();
      for (PolicyNode child : node.children()) {
        later.add(new Object[] {child, depth + 1});
      }
      for (Comment comment : node.trailingComments()) {
        later.add(new Object[] {"trailing comment " + at(comment.position()) + " " + quote(comment.text()), depth + 1});
      }
      while (!later.isEmpty()) {
        work.push(later.pollLast());
      }
    }
    return out.toString();
  }

  private static String value(PolicyValue value) {
    StringBuilder out = new StringBuilder();
    if (value.expression().isPresent()) {
      out.append("expression ").append(value.expression().get().kind()).append(' ');
    } else {
      out.append("literal ");
    }
    out.append(at(value.position())).append(' ').append(quote(value.text()));
    for (NamedValueRef ref : value.namedValues()) {
      out.append(" {{").append(ref.name()).append("}}").append(at(ref.position()));
    }
    if (value.hasPlaceholder()) {
      out.append(" placeholder");
    }
    return out.toString();
  }

  private static String at(SourcePosition position) {
    return position.line() + ":" + position.column();
  }

  private static StringBuilder indent(StringBuilder out, int depth) {
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
    return out;
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
