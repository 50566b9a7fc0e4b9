package dev.sluice.xml;

import dev.sluice.core.Attribute;
import dev.sluice.core.Comment;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Expression;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.LocationInfo;
import org.codehaus.stax2.XMLInputFactory2;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.io.Stax2CharArraySource;

/**
 * Builds one {@link PolicyDocument} from the events of a hardened StAX parser over the masked text.
 * Nodes are built with an explicit stack (no recursion, so depth is bounded only by the parser's
 * limit). Names, attribute positions and values, and text are read back from the original text by
 * char offset, so expressions come back exactly as written. Single use.
 */
final class DocumentBuilder {
  private final SourceText source;
  private final char[] original;
  private final char[] masked;
  private final ExpressionMasker.Result masking;
  private final int byteLength;
  private final ReaderOptions options;
  private final XMLInputFactory2 factory;
  private final ElementRole.Table roles;
  private final StartTags.Spans attributeSpans = new StartTags.Spans();
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private final ArrayDeque<Frame> stack = new ArrayDeque<>();
  private final List<Comment> beforeRoot = new ArrayList<>();
  private final List<Comment> afterRoot = new ArrayList<>();
  private final Map<Section, SourcePosition> sections = new EnumMap<>(Section.class);
  private PolicyNode root;
  private PolicyDocument.Kind kind = PolicyDocument.Kind.POLICY;
  /** Nesting inside an element kept verbatim: 1 on the element itself, more inside its markup. */
  private int rawDepth;
  /** Where the last parser event ended: limit errors carry no location, the next token starts here. */
  private int lastEnd;
  /** Where the text being read began (the parser hands long text over in pieces). */
  private int textStart;
  private boolean inText;

  DocumentBuilder(
      SourceText source,
      ExpressionMasker.Result masking,
      int byteLength,
      ReaderOptions options,
      XMLInputFactory2 factory,
      ElementRole.Table roles) {
    this.source = source;
    this.original = source.chars();
    this.masking = masking;
    this.masked = masking.masked();
    this.byteLength = byteLength;
    this.options = options;
    this.factory = factory;
    this.roles = roles;
  }

  /** An element being read. */
  private static final class Frame {
    final String name;
    final SourcePosition position;
    final List<Attribute> attributes;
    final List<Comment> comments;
    final ElementRole role;
    final int contentStart;
    List<PolicyNode> children = List.of();
    /** Comments since the last child element; allocated on the first. */
    List<Comment> pending = List.of();
    /** Where the first piece of text begins, or -1; a single piece is sliced only when needed. */
    int textOffset = -1;
    int textEnd;
    boolean textCdata;
    /** The text when it came in more than one piece (around references, CDATA or comments). */
    StringBuilder text;
    int firstNonSpace = -1;
    boolean rawMarkup;

    void addChild(PolicyNode child) {
      if (children.isEmpty()) {
        children = new ArrayList<>(4);
      }
      children.add(child);
    }

    void addPending(Comment comment) {
      if (pending.isEmpty()) {
        pending = new ArrayList<>(2);
      }
      pending.add(comment);
    }

    Frame(
        String name,
        SourcePosition position,
        List<Attribute> attributes,
        List<Comment> comments,
        ElementRole role,
        int contentStart) {
      this.name = name;
      this.position = position;
      this.attributes = attributes;
      this.comments = comments;
      this.role = role;
      this.contentStart = contentStart;
    }
  }

  LoadResult<PolicyDocument> build() {
    try {
      XMLStreamReader2 reader =
          (XMLStreamReader2)
              factory.createXMLStreamReader(new Stax2CharArraySource(masked, 0, masked.length));
      while (reader.hasNext()) {
        int event = reader.next();
        LocationInfo info = reader.getLocationInfo();
        int start = (int) info.getStartingCharOffset();
        int end = (int) info.getEndingCharOffset();
        boolean isText =
            event == XMLStreamConstants.CHARACTERS
                || event == XMLStreamConstants.SPACE
                || event == XMLStreamConstants.CDATA
                || event == XMLStreamConstants.COMMENT;
        if (isText && !inText) {
          textStart = start;
        }
        inText = isText;
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            if (!startElement(reader.getLocalName(), start, end)) {
              return LoadResult.failed(diagnostics);
            }
          }
          case XMLStreamConstants.END_ELEMENT -> endElement(start);
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE -> text(start, end, false);
          case XMLStreamConstants.CDATA -> text(start, end, true);
          case XMLStreamConstants.COMMENT -> comment(reader.getText(), start);
          case XMLStreamConstants.ENTITY_REFERENCE -> entity(start, end);
          case XMLStreamConstants.DTD -> {
            diagnostics.add(
                Diagnostic.of(
                    DiagnosticCode.DOCTYPE_FORBIDDEN,
                    source.position(start),
                    "DOCTYPE declarations are not allowed in policy files; remove it"));
            return LoadResult.failed(diagnostics);
          }
          default -> {
            // processing instructions, the XML declaration and document events carry no policy
          }
        }
        lastEnd = Math.max(lastEnd, end);
      }
      reader.close();
    } catch (XMLStreamException e) {
      diagnostics.add(XmlErrors.translate(e, context()));
      return LoadResult.failed(diagnostics);
    }
    if (root == null) {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.EMPTY_DOCUMENT,
              source.start(),
              "the file has no root element; a policy file holds <policies> or <fragment>"));
      return LoadResult.failed(diagnostics);
    }
    if (!afterRoot.isEmpty()) {
      List<Comment> trailing = new ArrayList<>(root.trailingComments());
      trailing.addAll(afterRoot);
      root =
          new PolicyNode(
              root.name(),
              root.attributes(),
              root.children(),
              root.text(),
              root.comments(),
              trailing,
              root.position());
    }
    return LoadResult.of(new PolicyDocument(source.file(), kind, root), diagnostics);
  }

  /** What an error translator needs to know about where the parser stopped. */
  XmlErrors.Context context() {
    Frame top = stack.peek();
    Optional<XmlErrors.OpenElement> open =
        top == null || rawDepth > 1
            ? Optional.empty()
            : Optional.of(new XmlErrors.OpenElement(top.name, top.position));
    return new XmlErrors.Context(
        source, masked, lastEnd, inText ? textStart : lastEnd, open, options);
  }

  private boolean startElement(String name, int start, int end) {
    Frame parent = stack.peek();
    if (rawDepth > 0) {
      rawDepth++;
      parent.rawMarkup = true;
      return true;
    }
    SourcePosition position = source.position(start);
    ElementRole role;
    if (parent == null) {
      if (!rootAccepted(name, position)) {
        return false;
      }
      role = ElementRole.root(name);
    } else {
      role = parent.role.child(name, roles);
      if (parent.role.kind() == ElementRole.Kind.POLICIES_ROOT) {
        checkSection(name, position);
      }
    }
    List<Comment> comments;
    if (parent == null) {
      comments = List.copyOf(beforeRoot);
    } else {
      comments = parent.pending;
      parent.pending = List.of();
    }
    Frame frame =
        new Frame(name, position, attributes(start), comments, role, end);
    stack.push(frame);
    if (role.isRaw()) {
      rawDepth = 1;
    }
    return true;
  }

  private boolean rootAccepted(String name, SourcePosition position) {
    if (name.equals("policies")) {
      kind = PolicyDocument.Kind.POLICY;
    } else if (name.equals("fragment")) {
      kind = PolicyDocument.Kind.FRAGMENT;
    } else {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.WRONG_ROOT,
              position,
              "root element <" + name + "> is not a policy document: use <policies> (with inbound,"
                  + " backend, outbound, on-error) or <fragment>"));
      return false;
    }
    int limit =
        kind == PolicyDocument.Kind.POLICY ? options.maxDocumentBytes() : options.maxFragmentBytes();
    if (byteLength > limit) {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.DOCUMENT_TOO_LARGE,
              source.start(),
              "the " + (kind == PolicyDocument.Kind.POLICY ? "policy document" : "fragment") + " is "
                  + byteLength + " bytes, over the limit of " + limit
                  + " bytes; move shared parts into fragments or shorten it"));
      return false;
    }
    return true;
  }

  private void checkSection(String name, SourcePosition position) {
    Optional<Section> section = Section.fromXmlName(name);
    if (section.isEmpty()) {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.UNKNOWN_SECTION,
              position,
              "unknown section <" + name + ">: a policy document has the sections inbound, backend,"
                  + " outbound and on-error"));
      return;
    }
    SourcePosition first = sections.putIfAbsent(section.get(), position);
    if (first != null) {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.DUPLICATE_SECTION,
              position,
              "section <" + name + "> appears twice (first at " + first.line() + ":" + first.column()
                  + "); merge them into one"));
    }
  }

  private List<Attribute> attributes(int tagStart) {
    StartTags.Spans spans = attributeSpans;
    StartTags.attributes(masked, tagStart, spans);
    if (spans.count == 0) {
      return List.of();
    }
    Attribute[] attributes = new Attribute[spans.count];
    int[] v = spans.values;
    for (int k = 0; k < spans.count; k++) {
      int at = 4 * k;
      String name = new String(original, v[at], v[at + 1] - v[at]);
      attributes[k] =
          new Attribute(name, attributeValue(v[at + 2], v[at + 3]), source.position(v[at]));
    }
    return List.of(attributes);
  }

  private PolicyValue attributeValue(int from, int to) {
    SourcePosition position = source.position(from);
    // The masker lexed every value that starts an expression; reuse its end instead of lexing again.
    if (masking.spanEndAt(from) == to) {
      String text = XmlText.decode(original, from, to, false, offset -> {});
      return PolicyValue.ofExpression(new Expression(kindOf(text), text, position));
    }
    return PolicyValue.literal(XmlText.decode(original, from, to, true, this::unknownEntity), position);
  }

  private void unknownEntity(int offset) {
    int semi = offset;
    while (semi < original.length && original[semi] != ';') {
      semi++;
    }
    String reference = new String(original, offset, Math.min(semi + 1, original.length) - offset);
    diagnostics.add(
        Diagnostic.of(
            DiagnosticCode.ENTITY_FORBIDDEN,
            source.position(offset),
            "entity reference " + reference + " is not allowed: policy files use only &lt; &gt;"
                + " &amp; &quot; &apos; and character references"));
  }

  private void entity(int start, int end) {
    unknownEntity(start);
    lastEnd = Math.max(lastEnd, end);
  }

  private void text(int start, int end, boolean cdata) {
    Frame frame = stack.peek();
    if (frame == null || rawDepth > 1) {
      return;
    }
    int from = cdata ? start + 9 : start;
    int to = cdata ? end - 3 : end;
    int firstNonSpace = -1;
    for (int k = from; k < to; k++) {
      if (!ExpressionMasker.isXmlSpace(original[k])) {
        firstNonSpace = k;
        break;
      }
    }
    // Indentation between elements is most of the text of a policy file and never part of a value.
    if (firstNonSpace < 0
        && (!frame.children.isEmpty() || frame.role.kind() == ElementRole.Kind.POLICY_LIST
            || frame.role.kind() == ElementRole.Kind.POLICIES_ROOT)) {
      return;
    }
    if (frame.firstNonSpace < 0) {
      frame.firstNonSpace = firstNonSpace;
    }
    if (frame.textOffset < 0) {
      frame.textOffset = from;
      frame.textEnd = to;
      frame.textCdata = cdata;
      return;
    }
    if (frame.text == null) {
      frame.text = new StringBuilder(2 * (to - frame.textOffset));
      frame.text.append(slice(frame.textOffset, frame.textEnd, frame.textCdata));
    }
    frame.text.append(slice(from, to, cdata));
  }

  /** Character data as it reads: references decoded, CDATA content as written. */
  private String slice(int from, int to, boolean cdata) {
    return cdata ? new String(original, from, to - from) : XmlText.decode(original, from, to, false, o -> {});
  }

  private void comment(String text, int start) {
    Comment comment = new Comment(text, source.position(start));
    Frame frame = stack.peek();
    if (frame == null) {
      (root == null ? beforeRoot : afterRoot).add(comment);
    } else if (rawDepth <= 1) {
      frame.addPending(comment);
    }
  }

  private void endElement(int start) {
    if (rawDepth > 1) {
      rawDepth--;
      return;
    }
    rawDepth = 0;
    Frame frame = stack.pop();
    Optional<PolicyValue> text = textValue(frame, start);
    List<Comment> trailing = frame.rawMarkup ? List.of() : frame.pending;
    PolicyNode node =
        new PolicyNode(
            frame.name, frame.attributes, frame.children, text, frame.comments, trailing, frame.position);
    Frame parent = stack.peek();
    if (parent == null) {
      root = node;
    } else {
      parent.addChild(node);
    }
  }

  private Optional<PolicyValue> textValue(Frame frame, int endTagStart) {
    if (frame.rawMarkup) {
      String inner = new String(original, frame.contentStart, endTagStart - frame.contentStart);
      return Optional.of(PolicyValue.literal(inner, source.position(frame.contentStart)));
    }
    if (frame.textOffset < 0 || frame.firstNonSpace < 0) {
      return Optional.empty();
    }
    if (frame.children.isEmpty()) {
      // The masker found an expression where the text starts: unless more text follows it, the
      // text is that expression, and the text itself need not be built at all.
      int spanEnd = masking.spanEndAt(frame.firstNonSpace);
      if (spanEnd > 0 && onlySpace(spanEnd, endTagStart)) {
        String expression = XmlText.decode(original, frame.firstNonSpace, spanEnd, false, o -> {});
        return Optional.of(
            PolicyValue.ofExpression(
                new Expression(kindOf(expression), expression, source.position(frame.firstNonSpace))));
      }
    }
    String text =
        frame.text != null
            ? frame.text.toString()
            : slice(frame.textOffset, frame.textEnd, frame.textCdata);
    String trimmed = strip(text);
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    SourcePosition first = source.position(frame.firstNonSpace);
    if (!frame.children.isEmpty()) {
      return Optional.of(PolicyValue.literal(trimmed, first));
    }
    if (ExpressionMasker.isWholeExpression(trimmed)) {
      return Optional.of(PolicyValue.ofExpression(new Expression(kindOf(trimmed), trimmed, first)));
    }
    return Optional.of(PolicyValue.literal(text, source.position(frame.textOffset)));
  }

  private boolean onlySpace(int from, int to) {
    for (int k = from; k < to; k++) {
      if (!ExpressionMasker.isXmlSpace(original[k])) {
        return false;
      }
    }
    return true;
  }

  private static Expression.Kind kindOf(String expressionText) {
    return expressionText.charAt(1) == '(' ? Expression.Kind.INLINE : Expression.Kind.BLOCK;
  }

  /** Strips XML white space (not every Unicode space) from both ends. */
  static String strip(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && ExpressionMasker.isXmlSpace(text.charAt(from))) {
      from++;
    }
    while (to > from && ExpressionMasker.isXmlSpace(text.charAt(to - 1))) {
      to--;
    }
    return text.substring(from, to);
  }
}
