package dev.sluice.xml;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.catalog.PolicyCatalog;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.io.Stax2CharArraySource;

/**
 * Writes a {@link PolicyDocument} as policy XML, in the form APIM exports: two-space indentation,
 * comments where they stood, expressions written raw (quotes, {@code <} and {@code &&} as typed, as
 * {@link PolicyReader} reads them back), the inner markup of raw elements such as {@code set-body}
 * verbatim, and every other text and value escaped.
 *
 * <p>Reading the output gives a document equal to the input except for positions. Immutable and
 * thread-safe; builds the whole text in memory; never fails for a document the reader produced.
 * Nesting is written recursively, so documents should stay within the reader's depth limit.
 */
public final class PolicyWriter {
  private static final int INDENT = 2;

  private final XMLInputFactory2 probe;
  private final ElementRole.Table roles;

  private PolicyWriter(PolicyCatalog catalog) {
    this.roles = ElementRole.Table.of(catalog);
    ReaderOptions limits = ReaderOptions.defaults();
    this.probe =
        HardenedXml.policyInputFactory(
            limits.maxDepth(), limits.maxAttributeChars(), limits.maxTextChars());
  }

  /** A writer that knows the standard catalog's raw elements. */
  public static PolicyWriter create() {
    return create(PolicyCatalog.standard());
  }

  /** A writer that takes raw elements (kept verbatim) from {@code catalog}. */
  public static PolicyWriter create(PolicyCatalog catalog) {
    return new PolicyWriter(requireNonNull(catalog, "catalog"));
  }

  /** The document as XML text, ending with a line break. */
  public String write(PolicyDocument document) {
    requireNonNull(document, "document");
    StringBuilder out = new StringBuilder(4096);
    PolicyNode root = document.root();
    writeNode(root, ElementRole.root(root.name()), 0, out);
    return out.toString();
  }

  private void writeNode(PolicyNode node, ElementRole role, int depth, StringBuilder out) {
    for (Comment comment : node.comments()) {
      indent(out, depth).append("<!--").append(comment.text()).append("-->\n");
    }
    indent(out, depth).append('<').append(node.name());
    for (Attribute attribute : node.attributes()) {
      out.append(' ').append(attribute.name()).append("=\"");
      if (attribute.value().isExpression()) {
        out.append(attribute.value().text());
      } else {
        String text = attribute.value().text();
        if (text.startsWith("@(") || text.startsWith("@{")) {
          // A literal that merely looks like an expression must not be read back as one.
          out.append("&#64;");
          text = text.substring(1);
        }
        XmlText.escapeAttribute(text, out);
      }
      out.append('"');
    }
    boolean hasText = node.text().isPresent();
    if (node.children().isEmpty() && hasText) {
      out.append('>');
      writeText(node.text().get(), role, out);
      for (Comment comment : node.trailingComments()) {
        out.append("<!--").append(comment.text()).append("-->");
      }
      out.append("</").append(node.name()).append(">\n");
      return;
    }
    if (node.children().isEmpty() && node.trailingComments().isEmpty()) {
      out.append(" />\n");
      return;
    }
    out.append(">\n");
    if (hasText) {
      indent(out, depth + 1);
      writeText(node.text().get(), role, out);
      out.append('\n');
    }
    for (PolicyNode child : node.children()) {
      writeNode(child, role.child(child.name(), roles), depth + 1, out);
    }
    for (Comment comment : node.trailingComments()) {
      indent(out, depth + 1).append("<!--").append(comment.text()).append("-->\n");
    }
    indent(out, depth).append("</").append(node.name()).append(">\n");
  }

  private void writeText(PolicyValue text, ElementRole role, StringBuilder out) {
    if (text.isExpression() || (role.isRaw() && isMarkup(text.text()))) {
      out.append(text.text());
    } else {
      XmlText.escapeText(text.text(), out);
    }
  }

  /**
   * Whether raw-element text is markup the reader kept verbatim (it holds elements and parses as
   * element content) rather than text it decoded, which must be escaped again.
   */
  private boolean isMarkup(String text) {
    if (text.indexOf('<') < 0) {
      return false;
    }
    String wrapped = "<r>" + text + "</r>";
    ExpressionMasker.Result masked = ExpressionMasker.mask(wrapped);
    if (masked.problem().isPresent()) {
      return false;
    }
    boolean element = false;
    try {
      XMLStreamReader2 reader =
          (XMLStreamReader2)
              probe.createXMLStreamReader(
                  new Stax2CharArraySource(masked.masked(), 0, masked.masked().length));
      int depth = 0;
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          element |= depth == 2;
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        } else if (event == XMLStreamConstants.ENTITY_REFERENCE
            || event == XMLStreamConstants.DTD) {
          return false;
        }
      }
      reader.close();
    } catch (XMLStreamException notMarkup) {
      return false;
    }
    return element;
  }

  private static StringBuilder indent(StringBuilder out, int depth) {
    for (int i = 0; i < depth * INDENT; i++) {
      out.append(' ');
    }
    return out;
  }
}
