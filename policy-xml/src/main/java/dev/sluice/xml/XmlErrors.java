package dev.sluice.xml;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.SourcePosition;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;

/**
 * Turns a parser exception into one short, clear diagnostic at the right place. Woodstox's messages
 * are stable within a major version; an unrecognized one is passed on, cleaned of its location
 * suffix, as {@code NOT_WELL_FORMED}.
 */
final class XmlErrors {
  private XmlErrors() {}

  /** The element open when the parser stopped. */
  record OpenElement(String name, SourcePosition position) {}

  /** Where the parser stopped and what it had read. */
  record Context(
      SourceText source,
      char[] masked,
      int lastEnd,
      int textStart,
      Optional<OpenElement> open,
      ReaderOptions options) {}

  static Diagnostic translate(XMLStreamException e, Context context) {
    String message = firstLine(e.getMessage());
    Location location = e.getLocation();
    int offset =
        location != null && location.getCharacterOffset() >= 0
            ? location.getCharacterOffset()
            : context.lastEnd();
    SourceText source = context.source();
    if (message.startsWith("Maximum Element Depth limit")) {
      return Diagnostic.of(
          DiagnosticCode.NESTING_TOO_DEEP,
          source.position(nextTag(context)),
          "elements nest deeper than " + context.options().maxDepth() + " levels");
    }
    if (message.startsWith("Maximum attribute size limit")) {
      int tag = nextTag(context);
      int at = tag;
      StartTags.Spans spans = new StartTags.Spans();
      StartTags.attributes(context.masked(), tag, spans);
      for (int k = 0; k < spans.count; k++) {
        int[] v = spans.values;
        if (v[4 * k + 3] - v[4 * k + 2] > context.options().maxAttributeChars()) {
          at = v[4 * k];
          break;
        }
      }
      return Diagnostic.of(
          DiagnosticCode.ATTRIBUTE_TOO_LARGE,
          source.position(at),
          "attribute value is longer than " + context.options().maxAttributeChars() + " characters");
    }
    if (message.startsWith("Text size limit")) {
      return Diagnostic.of(
          DiagnosticCode.TEXT_TOO_LARGE,
          source.position(context.textStart()),
          "text is longer than " + context.options().maxTextChars() + " characters");
    }
    if (message.startsWith("Duplicate attribute '")) {
      String name = between(message, "'", "'");
      int tag = previousTag(context.masked(), offset);
      int at = offset;
      boolean seen = false;
      StartTags.Spans spans = new StartTags.Spans();
      StartTags.attributes(context.masked(), tag, spans);
      for (int k = 0; k < spans.count; k++) {
        int[] v = spans.values;
        if (new String(context.masked(), v[4 * k], v[4 * k + 1] - v[4 * k]).equals(name)) {
          if (seen) {
            at = v[4 * k];
            break;
          }
          seen = true;
        }
      }
      return Diagnostic.of(
          DiagnosticCode.DUPLICATE_ATTRIBUTE,
          source.position(at),
          "attribute '" + name + "' appears twice on this element; keep one");
    }
    if (message.startsWith("Unexpected close tag </")) {
      String found = between(message, "</", ">");
      int at = lastIndexOf(context.masked(), "</", offset);
      String opened =
          context
              .open()
              .map(o -> " <" + o.name() + "> opened at " + lineColumn(o.position()))
              .orElse(" the open element");
      return notWellFormed(
          source.position(at < 0 ? offset : at),
          "closing tag </" + found + "> does not match" + opened);
    }
    if (message.startsWith("Unexpected EOF in prolog")) {
      return Diagnostic.of(
          DiagnosticCode.EMPTY_DOCUMENT,
          source.start(),
          "the file has no root element; a policy file holds <policies> or <fragment>");
    }
    boolean endOfInput =
        message.startsWith("Unexpected EOF") || message.startsWith("Unexpected end of input");
    if (endOfInput && (message.contains(" comment") || message.contains("CDATA"))) {
      boolean comment = message.contains(" comment");
      int opened = lastIndexOf(context.masked(), comment ? "<!--" : "<![CDATA[", offset);
      return notWellFormed(
          source.position(source.length()),
          "the file ends inside a " + (comment ? "comment" : "CDATA section")
              + (opened < 0 ? "" : " opened at " + lineColumn(source.position(opened)))
              + "; close it with " + (comment ? "-->" : "]]>"));
    }
    if (endOfInput) {
      String what =
          context
              .open()
              .map(o -> "<" + o.name() + "> opened at " + lineColumn(o.position()) + " is closed")
              .orElse("the document is complete");
      return notWellFormed(source.position(source.length()), "the file ends before " + what);
    }
    if (message.startsWith("Illegal to have multiple roots")) {
      return notWellFormed(
          source.position(previousTag(context.masked(), offset)),
          "a second root element: a policy file has exactly one root element");
    }
    char[] c = context.masked();
    if (message.contains("(missing name?)") && offset > 0 && c[offset - 1] == '&') {
      return notWellFormed(
          source.position(offset - 1), "a bare '&' in text or a value; write it as &amp;");
    }
    if (message.contains(" in epilog")) {
      return notWellFormed(
          source.position(offset), "text after the root element is closed; remove it");
    }
    if (message.contains(" in prolog") && offset > 0 && offset < c.length && c[offset] == '/' && c[offset - 1] == '<') {
      return notWellFormed(
          source.position(offset - 1), "a closing tag before any element is opened");
    }
    if (message.startsWith("String '--' not allowed in comment")) {
      int at = lastIndexOf(c, "<!--", offset);
      int dashes = at < 0 ? -1 : indexOf(c, "--", at + 4);
      return notWellFormed(
          source.position(dashes < 0 ? offset : dashes),
          "'--' is not allowed inside a comment; use single dashes");
    }
    if (message.startsWith("Illegal processing instruction target (\"xml\")")) {
      return notWellFormed(
          source.position(previousTag(c, offset)),
          "the XML declaration <?xml ...?> may only stand at the very start of the file");
    }
    if (message.contains(" in prolog")) {
      return notWellFormed(
          source.position(offset),
          "text before the root element; a policy file starts with <policies> or <fragment>");
    }
    return notWellFormed(source.position(offset), "not well-formed XML: " + clean(message));
  }

  private static Diagnostic notWellFormed(SourcePosition position, String message) {
    return Diagnostic.of(DiagnosticCode.NOT_WELL_FORMED, position, message);
  }

  private static String lineColumn(SourcePosition position) {
    return position.line() + ":" + position.column();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int at = message.indexOf("\n at [row,col");
    String head = at >= 0 ? message.substring(0, at) : message;
    if (head.startsWith("ParseError at [row,col]:")) {
      int m = head.indexOf("Message: ");
      head = m >= 0 ? head.substring(m + 9) : head;
    }
    return head.strip();
  }

  private static String clean(String message) {
    String text = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    return text.isEmpty() ? "the parser gave no detail" : text;
  }

  private static String between(String text, String open, String close) {
    int from = text.indexOf(open);
    if (from < 0) {
      return "";
    }
    from += open.length();
    int to = text.indexOf(close, from);
    return to < 0 ? text.substring(from) : text.substring(from, to);
  }

  /** The first {@code <} at or after where the last event ended: the tag the parser choked on. */
  private static int nextTag(Context context) {
    char[] c = context.masked();
    for (int i = Math.max(0, context.lastEnd()); i < c.length; i++) {
      if (c[i] == '<' && i + 1 < c.length && c[i + 1] != '!' && c[i + 1] != '?' && c[i + 1] != '/') {
        return i;
      }
    }
    return Math.min(context.lastEnd(), c.length);
  }

  private static int previousTag(char[] c, int offset) {
    for (int i = Math.min(offset, c.length - 1); i >= 0; i--) {
      if (c[i] == '<') {
        return i;
      }
    }
    return 0;
  }

  private static int indexOf(char[] c, String what, int from) {
    for (int i = Math.max(0, from); i + what.length() <= c.length; i++) {
      if (ExpressionMasker.startsWith(c, i, what)) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(char[] c, String what, int from) {
    for (int i = Math.min(from, c.length - what.length()); i >= 0; i--) {
      if (ExpressionMasker.startsWith(c, i, what)) {
        return i;
      }
    }
    return -1;
  }
}
