package dev.sluice.xml;

import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.SourcePosition;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A minimal {@link PolicyReader} for loader tests: the JDK's StAX parser on well-formed fixtures, no
 * expression masking, no catalog validation. Element positions are the line of the start tag and the
 * column of its {@code <} (start tags on one line); root comments are kept (for stream marks).
 */
final class SimplePolicyReader implements PolicyReader {

  @Override
  public LoadResult<PolicyDocument> read(Path file) {
    try {
      return read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return LoadResult.failed(
          List.of(Diagnostic.of(DiagnosticCode.IO_ERROR, SourcePosition.of(file.toString(), 1, 1), e.getMessage())));
    }
  }

  @Override
  public LoadResult<PolicyDocument> read(String fileName, byte[] content) {
    return read(fileName, new String(content, StandardCharsets.UTF_8));
  }

  @Override
  public LoadResult<PolicyDocument> read(String fileName, String xml) {
    String[] lines = xml.split("\n", -1);
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
      Deque<Building> open = new ArrayDeque<>();
      List<Comment> pending = new ArrayList<>();
      List<Comment> rootComments = new ArrayList<>();
      PolicyNode root = null;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.COMMENT) {
          Comment comment = new Comment(reader.getText(), SourcePosition.of(fileName, reader.getLocation().getLineNumber(), 1));
          if (open.size() <= 1) {
            rootComments.add(comment);
          }
          pending.add(comment);
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          int line = reader.getLocation().getLineNumber();
          String name = reader.getLocalName();
          int column = lines[line - 1].lastIndexOf("<" + name, reader.getLocation().getColumnNumber()) + 1;
          SourcePosition position = SourcePosition.of(fileName, line, Math.max(column, 1));
          List<Attribute> attributes = new ArrayList<>();
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attributeName = reader.getAttributeLocalName(i);
            int at = lines[line - 1].indexOf(attributeName + "=", Math.max(column, 0)) + 1;
            SourcePosition attributePosition = position.at(line, Math.max(at, 1));
            attributes.add(
                new Attribute(attributeName, PolicyValue.literal(reader.getAttributeValue(i), attributePosition), attributePosition));
          }
          open.push(new Building(name, attributes, position, List.copyOf(pending)));
          pending.clear();
        } else if (event == XMLStreamConstants.CHARACTERS && !open.isEmpty() && !reader.isWhiteSpace()) {
          open.peek().text.append(reader.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          Building done = open.pop();
          Optional<PolicyValue> text =
              done.text.toString().isBlank()
                  ? Optional.empty()
                  : Optional.of(PolicyValue.literal(done.text.toString().trim(), done.position));
          List<Comment> comments = open.isEmpty() ? rootComments : done.comments;
          PolicyNode node = new PolicyNode(done.name, done.attributes, done.children, text, comments, List.of(), done.position);
          pending.clear();
          if (open.isEmpty()) {
            root = node;
          } else {
            open.peek().children.add(node);
          }
        }
      }
      if (root == null) {
        return LoadResult.failed(
            List.of(Diagnostic.of(DiagnosticCode.EMPTY_DOCUMENT, SourcePosition.of(fileName, 1, 1), "no root element")));
      }
      PolicyDocument.Kind kind;
      if (root.name().equals("policies")) {
        kind = PolicyDocument.Kind.POLICY;
      } else if (root.name().equals("fragment")) {
        kind = PolicyDocument.Kind.FRAGMENT;
      } else {
        return LoadResult.failed(
            List.of(Diagnostic.of(DiagnosticCode.WRONG_ROOT, root.position(), "root must be <policies> or <fragment>")));
      }
      return LoadResult.of(new PolicyDocument(fileName, kind, root), List.of());
    } catch (XMLStreamException e) {
      return LoadResult.failed(
          List.of(Diagnostic.of(DiagnosticCode.NOT_WELL_FORMED, SourcePosition.of(fileName, 1, 1), String.valueOf(e.getMessage()))));
    }
  }

  private static final class Building {
    final String name;
    final List<Attribute> attributes;
    final SourcePosition position;
    final List<Comment> comments;
    final List<PolicyNode> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    Building(String name, List<Attribute> attributes, SourcePosition position, List<Comment> comments) {
      this.name = name;
      this.attributes = attributes;
      this.position = position;
      this.comments = comments;
    }
  }
}
