package dev.sluice.core.graph;

import dev.sluice.core.Attribute;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.SourcePosition;
import java.io.StringReader;
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
 * Builds policy documents for graph tests from small, well-formed XML snippets, with the JDK's StAX
 * parser (the real reader lives in policy-xml). Element positions are exact: the line the tag starts
 * on and the column of its {@code <}, provided each start tag sits on one line.
 */
final class TestDocuments {
  private TestDocuments() {}

  static PolicyDocument policy(String file, String xml) {
    return new PolicyDocument(file, PolicyDocument.Kind.POLICY, parse(file, xml));
  }

  static PolicyDocument fragment(String file, String xml) {
    return new PolicyDocument(file, PolicyDocument.Kind.FRAGMENT, parse(file, xml));
  }

  private static PolicyNode parse(String file, String xml) {
    String[] lines = xml.split("\n", -1);
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
      Deque<Building> open = new ArrayDeque<>();
      PolicyNode root = null;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          int line = reader.getLocation().getLineNumber();
          String name = reader.getLocalName();
          int column = lines[line - 1].lastIndexOf("<" + name, reader.getLocation().getColumnNumber()) + 1;
          SourcePosition position = SourcePosition.of(file, line, Math.max(column, 1));
          List<Attribute> attributes = new ArrayList<>();
          for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attributeName = reader.getAttributeLocalName(i);
            int at = lines[line - 1].indexOf(attributeName + "=", column) + 1;
            SourcePosition attributePosition = position.at(line, Math.max(at, 1));
            attributes.add(
                new Attribute(
                    attributeName,
                    PolicyValue.literal(reader.getAttributeValue(i), attributePosition),
                    attributePosition));
          }
          open.push(new Building(name, attributes, position));
        } else if (event == XMLStreamConstants.CHARACTERS && !open.isEmpty() && !reader.isWhiteSpace()) {
          open.peek().text.append(reader.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          Building done = open.pop();
          Optional<PolicyValue> text =
              done.text.toString().isBlank()
                  ? Optional.empty()
                  : Optional.of(PolicyValue.literal(done.text.toString().trim(), done.position));
          PolicyNode node =
              new PolicyNode(done.name, done.attributes, done.children, text, List.of(), List.of(), done.position);
          if (open.isEmpty()) {
            root = node;
          } else {
            open.peek().children.add(node);
          }
        }
      }
      return root;
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("test XML is not well-formed: " + e.getMessage(), e);
    }
  }

  private static final class Building {
    final String name;
    final List<Attribute> attributes;
    final SourcePosition position;
    final List<PolicyNode> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    Building(String name, List<Attribute> attributes, SourcePosition position) {
      this.name = name;
      this.attributes = attributes;
      this.position = position;
    }
  }
}
