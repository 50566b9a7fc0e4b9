package dev.sluice.lint;

import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.Expression;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.SourcePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Reads lint fixtures into {@link PolicyDocument}s for tests in this module, which cannot depend on
 * the XML reader. Handles the well-formed subset fixtures use: declaration, comments, elements,
 * quoted attributes (the five predefined entities decoded), the text of elements without child
 * elements (trimmed). A value that is one whole {@code @(...)} or {@code @{...}} is an expression,
 * as the reader makes it. Positions are exact: an element's is its {@code <}, a comment's its
 * {@code <!--}, a text's its first non-blank character.
 */
final class FixtureDocuments {

  private final String file;
  private final String text;
  private int index;
  private int line = 1;
  private int column = 1;

  private FixtureDocuments(String file, String text) {
    this.file = file;
    this.text = text;
  }

  static PolicyDocument read(String file, String text) {
    return new FixtureDocuments(file, text).document();
  }

  /** An open element while its children are read. */
  private static final class Open {
    final String name;
    final List<Attribute> attributes;
    final List<Comment> comments;
    final SourcePosition position;
    final List<PolicyNode> children = new ArrayList<>();
    List<Comment> pending = new ArrayList<>();
    final StringBuilder text = new StringBuilder();
    SourcePosition textAt;

    Open(String name, List<Attribute> attributes, List<Comment> comments, SourcePosition position) {
      this.name = name;
      this.attributes = attributes;
      this.comments = comments;
      this.position = position;
    }

    PolicyNode close() {
      String trimmed = text.toString().strip();
      Optional<PolicyValue> value =
          children.isEmpty() && !trimmed.isEmpty() ? Optional.of(value(decode(trimmed), textAt)) : Optional.empty();
      return new PolicyNode(name, attributes, children, value, comments, pending, position);
    }
  }

  private PolicyDocument document() {
    Deque<Open> stack = new ArrayDeque<>();
    List<Comment> beforeRoot = new ArrayList<>();
    PolicyNode root = null;
    while (index < text.length()) {
      if (text.startsWith("<?", index)) {
        skipPast("?>");
      } else if (text.startsWith("<!--", index)) {
        SourcePosition at = here();
        skip(4);
        int end = text.indexOf("-->", index);
        String body = text.substring(index, end);
        skipPast("-->");
        Comment comment = new Comment(body.strip(), at);
        (stack.isEmpty() ? beforeRoot : stack.peek().pending).add(comment);
      } else if (text.startsWith("</", index)) {
        skipPast(">");
        Open open = stack.pop();
        PolicyNode node = open.close();
        if (stack.isEmpty()) {
          root = node;
        } else {
          stack.peek().children.add(node);
        }
      } else if (text.charAt(index) == '<') {
        SourcePosition at = here();
        skip(1);
        String name = name();
        List<Attribute> attributes = new ArrayList<>();
        while (true) {
          skipSpace();
          if (text.startsWith("/>", index)) {
            skip(2);
            break;
          }
          if (text.charAt(index) == '>') {
            skip(1);
            break;
          }
          SourcePosition attributeAt = here();
          String attributeName = name();
          skipSpace();
          skip(1); // '='
          skipSpace();
          char quote = text.charAt(index);
          skip(1);
          SourcePosition valueAt = here();
          int end = text.indexOf(quote, index);
          String value = decode(text.substring(index, end));
          skip(end - index + 1);
          attributes.add(new Attribute(attributeName, value(value, valueAt), attributeAt));
        }
        boolean empty = text.charAt(index - 2) == '/';
        List<Comment> comments =
            stack.isEmpty() ? List.copyOf(beforeRoot) : List.copyOf(stack.peek().pending);
        if (!stack.isEmpty()) {
          stack.peek().pending = new ArrayList<>();
        }
        Open open = new Open(name, attributes, comments, at);
        if (empty) {
          PolicyNode node = open.close();
          if (stack.isEmpty()) {
            root = node;
          } else {
            stack.peek().children.add(node);
          }
        } else {
          stack.push(open);
        }
      } else {
        if (!stack.isEmpty()) {
          Open open = stack.peek();
          char c = text.charAt(index);
          if (open.text.length() == 0 && !Character.isWhitespace(c)) {
            open.textAt = here();
          }
          if (open.text.length() > 0 || !Character.isWhitespace(c)) {
            open.text.append(c);
          }
        }
        skip(1);
      }
    }
    if (root == null || !stack.isEmpty()) {
      throw new IllegalArgumentException(file + ": not a complete document");
    }
    PolicyDocument.Kind kind =
        root.name().equals("fragment") ? PolicyDocument.Kind.FRAGMENT : PolicyDocument.Kind.POLICY;
    return new PolicyDocument(file, kind, root);
  }

  private String name() {
    int start = index;
    while (index < text.length() && "= \t\r\n/>".indexOf(text.charAt(index)) < 0) {
      skip(1);
    }
    return text.substring(start, index);
  }

  private static PolicyValue value(String text, SourcePosition at) {
    if (text.startsWith("@(") || text.startsWith("@{")) {
      Expression.Kind kind = text.charAt(1) == '(' ? Expression.Kind.INLINE : Expression.Kind.BLOCK;
      return PolicyValue.ofExpression(new Expression(kind, text, at));
    }
    return PolicyValue.literal(text, at);
  }

  private static String decode(String value) {
    return value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        .replace("&apos;", "'").replace("&amp;", "&");
  }

  private void skipSpace() {
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      skip(1);
    }
  }

  private void skipPast(String marker) {
    int end = text.indexOf(marker, index);
    if (end < 0) {
      throw new IllegalArgumentException(file + ": missing " + marker);
    }
    skip(end + marker.length() - index);
  }

  private void skip(int count) {
    for (int i = 0; i < count; i++) {
      if (text.charAt(index) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      index++;
    }
  }

  private SourcePosition here() {
    return SourcePosition.of(file, line, column);
  }
}
