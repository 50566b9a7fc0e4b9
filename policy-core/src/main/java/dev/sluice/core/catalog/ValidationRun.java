package dev.sluice.core.catalog;

import dev.sluice.core.Attribute;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass of {@link CatalogValidator#validate} over one document. Not thread-safe: each call makes
 * its own.
 */
final class ValidationRun {

  /**
   * Deeper than any document the reader accepts; only code-built graphs get here, and stopping
   * keeps the recursion far from the thread's stack limit.
   */
  static final int MAX_DEPTH = 512;

  static final String BASE = "base";
  static final String INCLUDE_FRAGMENT = "include-fragment";

  /**
   * Unrendered deployment placeholders: {@code ${x}}, {@code %{x}} and single-brace {@code {x}}.
   */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("[$%]\\{[^{}]*}|(?<![{$%])\\{[A-Za-z_][A-Za-z0-9_.:-]*}(?!})");

  private final PolicyCatalog catalog;
  private final PolicyDocument document;
  private final boolean fragment;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private boolean depthReported;

  ValidationRun(PolicyCatalog catalog, PolicyDocument document) {
    this.catalog = catalog;
    this.document = document;
    this.fragment = document.kind() == PolicyDocument.Kind.FRAGMENT;
  }

  List<Diagnostic> run() {
    PolicyNode root = document.root();
    Map<String, PolicyNode> perDocument = new HashMap<>();
    if (fragment) {
      // The includer decides the section, so the whole fragment counts as one section.
      policyList(root, Optional.empty(), new Occurrences(new HashMap<>(), perDocument), 1);
    } else {
      for (PolicyNode child : root.children()) {
        Optional<Section> section = Section.fromXmlName(child.name());
        // Anything else at the root is the reader's to report (UNKNOWN_SECTION).
        if (section.isPresent()) {
          policyList(child, section, new Occurrences(new HashMap<>(), perDocument), 2);
        }
      }
    }
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(null);
    return List.copyOf(sorted);
  }

  /** The first occurrence of each once-only policy on the path that leads here. */
  private record Occurrences(
      Map<String, PolicyNode> perSection, Map<String, PolicyNode> perDocument) {
    Occurrences copy() {
      return new Occurrences(new HashMap<>(perSection), new HashMap<>(perDocument));
    }

    /** After alternatives, the policies seen in any branch count as seen (first one wins). */
    void absorb(Occurrences branch) {
      branch.perSection.forEach(perSection::putIfAbsent);
      branch.perDocument.forEach(perDocument::putIfAbsent);
    }
  }

  /** A section, a fragment root or an element whose content is policies. */
  private void policyList(
      PolicyNode container, Optional<Section> section, Occurrences seen, int depth) {
    noText(container, " holds policies only");
    for (PolicyNode child : container.children()) {
      policy(child, container, section, seen, depth + 1);
    }
  }

  /** A list of policies whose parent allows only some policies as its immediate children. */
  private void restrictedPolicyList(
      PolicyNode container,
      ElementDescriptor descriptor,
      Optional<Section> section,
      Occurrences seen,
      int depth) {
    for (PolicyNode child : container.children()) {
      boolean known = catalog.find(child.name()).isPresent();
      if (known && !descriptor.childPolicies().contains(child.name())) {
        report(
            DiagnosticCode.POLICY_NOT_ALLOWED_IN_PARENT,
            child.position(),
            "policy '"
                + child.name()
                + "' cannot stand directly inside '"
                + container.name()
                + "', which takes only "
                + Wording.and(descriptor.childPolicies().stream().map(n -> "'" + n + "'").toList())
                + " — wrap it in a <choose> branch or move it out of <"
                + container.name()
                + ">");
      }
    }
    policyList(container, section, seen, depth);
  }

  private boolean tooDeep(PolicyNode node, int depth) {
    if (depth <= MAX_DEPTH) {
      return false;
    }
    if (!depthReported) {
      depthReported = true;
      report(
          DiagnosticCode.NESTING_TOO_DEEP,
          node.position(),
          "elements are nested more than "
              + MAX_DEPTH
              + " levels deep; what is inside '"
              + node.name()
              + "' is not checked — flatten the policy");
    }
    return true;
  }

  private void policy(
      PolicyNode node, PolicyNode parent, Optional<Section> section, Occurrences seen, int depth) {
    if (tooDeep(node, depth)) {
      return;
    }
    String name = node.name();
    Optional<Section> asSection = Section.fromXmlName(name);
    if (asSection.isPresent()) {
      if (fragment) {
        report(
            DiagnosticCode.FRAGMENT_CONTAINS_SECTION,
            node.position(),
            "a fragment holds policies directly, not sections; remove <"
                + name
                + "> and keep its policies — the section is the one the fragment is included in");
        policyList(node, section, seen, depth);
      } else {
        report(
            DiagnosticCode.UNKNOWN_ELEMENT,
            node.position(),
            "section '"
                + name
                + "' cannot stand inside '"
                + parent.name()
                + "'; sections stand directly inside <policies> — move its policies out of <"
                + name
                + ">");
      }
      return;
    }
    Optional<PolicyDescriptor> found = catalog.find(name);
    if (found.isEmpty()) {
      String hint =
          Wording.closest(name, catalog.all().stream().map(PolicyDescriptor::name).toList())
              .map(c -> " (did you mean '" + c + "'?)")
              .orElse("");
      report(
          DiagnosticCode.UNKNOWN_POLICY,
          node.position(),
          "unknown policy '"
              + name
              + "'"
              + hint
              + "; it is kept but not checked — fix the name or remove it if it is not an API"
              + " Management policy");
      return;
    }
    PolicyDescriptor descriptor = found.get();
    if (fragment && name.equals(BASE)) {
      report(
          DiagnosticCode.FRAGMENT_CONTAINS_BASE,
          node.position(),
          "<base/> is not allowed in a fragment; put it in the policy document that includes the"
              + " fragment");
    }
    if (fragment && name.equals(INCLUDE_FRAGMENT)) {
      report(
          DiagnosticCode.FRAGMENT_NESTED_INCLUDE,
          node.position(),
          "a fragment cannot include another fragment; copy the policies of "
              + node.attributeText("fragment-id").map(Wording::quote).orElse("that fragment")
              + " here, or include both fragments from the policy document");
    }
    section.ifPresent(
        s -> {
          if (!descriptor.allowedIn(s)) {
            report(
                DiagnosticCode.POLICY_NOT_ALLOWED_IN_SECTION,
                node.position(),
                "policy '"
                    + name
                    + "' is not allowed in the "
                    + s.xmlName()
                    + " section; "
                    + (descriptor.sections().isEmpty()
                        ? "it is not allowed in any section — remove it"
                        : "it is allowed in the "
                            + Wording.sections(descriptor.sections())
                            + " only"));
          }
        });
    once(node, descriptor, seen);
    element(node, descriptor.element(), section, seen, depth);
  }

  private void once(PolicyNode node, PolicyDescriptor descriptor, Occurrences seen) {
    Map<String, PolicyNode> firsts;
    String scope;
    switch (descriptor.multiplicity()) {
      case ONCE_PER_SECTION -> {
        firsts = seen.perSection();
        scope = fragment ? "fragment" : "section";
      }
      case ONCE_PER_DOCUMENT -> {
        firsts = seen.perDocument();
        scope = fragment ? "fragment" : "document";
      }
      default -> {
        return;
      }
    }
    PolicyNode first = firsts.putIfAbsent(node.name(), node);
    if (first != null) {
      report(
          DiagnosticCode.REPEATED_POLICY,
          node.position(),
          "policy '"
              + node.name()
              + "' may appear only once per "
              + scope
              + "; it already appears at line "
              + first.position().line()
              + " — remove one of them");
    }
  }

  private void element(
      PolicyNode node,
      ElementDescriptor descriptor,
      Optional<Section> section,
      Occurrences seen,
      int depth) {
    attributes(node, descriptor);
    switch (descriptor.content()) {
      case EMPTY -> {
        noText(node, " must be empty");
        for (PolicyNode child : node.children()) {
          report(
              DiagnosticCode.UNKNOWN_ELEMENT,
              child.position(),
              "'" + node.name() + "' takes no child elements; remove <" + child.name() + ">");
        }
      }
      case TEXT -> {
        for (PolicyNode child : node.children()) {
          report(
              DiagnosticCode.UNKNOWN_ELEMENT,
              child.position(),
              "'"
                  + node.name()
                  + "' holds text only, not elements; remove <"
                  + child.name()
                  + "> or escape it as text");
        }
        node.text().ifPresent(text -> textValue(node, descriptor, text));
      }
      case ELEMENTS -> {
        noText(node, " holds elements only");
        children(node, descriptor, section, seen, depth);
      }
      case POLICIES -> {
        if (descriptor.childPolicies().isEmpty()) {
          policyList(node, section, seen, depth);
        } else {
          restrictedPolicyList(node, descriptor, section, seen, depth);
        }
      }
      case RAW -> {
        // Kept verbatim (a SOAP envelope, a Liquid template): nothing to check.
      }
    }
  }

  private void textValue(PolicyNode node, ElementDescriptor descriptor, PolicyValue text) {
    if (looksLikeExpression(text) && !descriptor.textExpressionAllowed()) {
      report(
          DiagnosticCode.EXPRESSION_NOT_ALLOWED,
          text.position(),
          "the text of '" + node.name() + "' cannot be a policy expression; write literal text");
    }
  }

  /** Reports text in {@code node}; {@code why} follows the quoted element name. */
  private void noText(PolicyNode node, String why) {
    node.text()
        .filter(text -> !text.text().isBlank())
        .ifPresent(
            text ->
                report(
                    DiagnosticCode.TEXT_NOT_ALLOWED,
                    firstVisible(text),
                    "'"
                        + node.name()
                        + "'"
                        + why
                        + ", not text; remove "
                        + Wording.quote(text.text())
                        + " or put it in a comment"));
  }

  private static SourcePosition firstVisible(PolicyValue text) {
    String s = text.text();
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return text.positionOf(i);
  }

  private void children(
      PolicyNode node,
      ElementDescriptor descriptor,
      Optional<Section> section,
      Occurrences seen,
      int depth) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, PolicyNode> firsts = new HashMap<>();
    List<Occurrences> branches = new ArrayList<>();
    for (PolicyNode child : node.children()) {
      if (tooDeep(child, depth + 1)) {
        continue;
      }
      Optional<ElementDescriptor> childDescriptor = descriptor.child(child.name());
      if (childDescriptor.isEmpty()) {
        List<String> known = descriptor.children().stream().map(ElementDescriptor::name).toList();
        String hint =
            Wording.closest(child.name(), known).map(c -> "did you mean '" + c + "'? ").orElse("");
        report(
            DiagnosticCode.UNKNOWN_ELEMENT,
            child.position(),
            "element '"
                + child.name()
                + "' is not allowed in '"
                + node.name()
                + "'; "
                + hint
                + "'"
                + node.name()
                + "' accepts "
                + Wording.quoted(known));
        continue;
      }
      ElementDescriptor expected = childDescriptor.get();
      int count = counts.merge(child.name(), 1, Integer::sum);
      PolicyNode first = firsts.computeIfAbsent(child.name(), n -> child);
      if (expected.maxOccurs() != ElementDescriptor.UNBOUNDED && count > expected.maxOccurs()) {
        report(
            DiagnosticCode.REPEATED_ELEMENT,
            child.position(),
            expected.maxOccurs() == 1
                ? "'"
                    + node.name()
                    + "' allows one '"
                    + child.name()
                    + "' element; the first is at line "
                    + first.position().line()
                    + " — remove this one or merge them"
                : "'"
                    + node.name()
                    + "' allows at most "
                    + expected.maxOccurs()
                    + " '"
                    + child.name()
                    + "' elements; remove this one");
      }
      if (expected.content() == ContentModel.POLICIES) {
        // Sibling policy lists (when, otherwise) are alternatives: only one of them runs.
        Occurrences branch = seen.copy();
        element(child, expected, section, branch, depth + 1);
        branches.add(branch);
      } else {
        element(child, expected, section, seen, depth + 1);
      }
    }
    branches.forEach(seen::absorb);
    for (ElementDescriptor expected : descriptor.children()) {
      int count = counts.getOrDefault(expected.name(), 0);
      if (count < expected.minOccurs()) {
        report(
            DiagnosticCode.MISSING_ELEMENT,
            node.position(),
            expected.minOccurs() == 1
                ? "'" + node.name() + "' needs a <" + expected.name() + "> element; add one"
                : "'"
                    + node.name()
                    + "' needs at least "
                    + expected.minOccurs()
                    + " <"
                    + expected.name()
                    + "> elements, found "
                    + count
                    + "; add "
                    + (expected.minOccurs() - count)
                    + " more");
      }
    }
  }

  private void attributes(PolicyNode node, ElementDescriptor descriptor) {
    Set<String> names = new HashSet<>();
    for (Attribute attribute : node.attributes()) {
      if (!names.add(attribute.name())) {
        report(
            DiagnosticCode.DUPLICATE_ATTRIBUTE,
            attribute.position(),
            "attribute '"
                + attribute.name()
                + "' appears twice on '"
                + node.name()
                + "'; keep one");
        continue;
      }
      Optional<AttributeDescriptor> expected = descriptor.attribute(attribute.name());
      if (expected.isEmpty()) {
        report(
            DiagnosticCode.UNKNOWN_ATTRIBUTE,
            attribute.position(),
            unknownAttribute(node, attribute, descriptor));
        continue;
      }
      value(node, attribute, expected.get());
    }
    Map<String, AttributeDescriptor> missing = Map.of();
    for (AttributeDescriptor expected : descriptor.attributes()) {
      if (expected.required() && !names.contains(expected.name())) {
        if (missing.isEmpty()) {
          missing = new LinkedHashMap<>();
        }
        missing.put(expected.name(), expected);
      }
    }
    missing.forEach(
        (name, expected) ->
            report(
                DiagnosticCode.MISSING_ATTRIBUTE,
                node.position(),
                "'"
                    + node.name()
                    + "' needs the attribute '"
                    + name
                    + "'"
                    + (expected.description().isEmpty() ? "" : " (" + expected.description() + ")")
                    + "; add "
                    + name
                    + "=\"...\""));
  }

  private static String unknownAttribute(
      PolicyNode node, Attribute attribute, ElementDescriptor descriptor) {
    List<String> known = descriptor.attributes().stream().map(AttributeDescriptor::name).toList();
    String start = "unknown attribute '" + attribute.name() + "' on '" + node.name() + "'; ";
    if (known.isEmpty()) {
      return start + "'" + node.name() + "' takes no attributes — remove it";
    }
    return start
        + Wording.closest(attribute.name(), known)
            .map(c -> "did you mean '" + c + "'?")
            .orElse("'" + node.name() + "' accepts " + Wording.quoted(known));
  }

  private void value(PolicyNode node, Attribute attribute, AttributeDescriptor expected) {
    PolicyValue value = attribute.value();
    if (looksLikeExpression(value)) {
      if (!expected.expressionAllowed()) {
        report(
            DiagnosticCode.EXPRESSION_NOT_ALLOWED,
            value.position(),
            what(node, attribute) + " cannot be a policy expression; write " + literalOf(expected));
      }
      // Allowed expressions are typed by the expression compiler, not here.
      return;
    }
    if (expected.type() == AttributeType.STRING) {
      return;
    }
    Optional<String> placeholder = placeholder(value);
    if (placeholder.isPresent()) {
      report(
          DiagnosticCode.UNCHECKED_PLACEHOLDER,
          value.position(),
          what(node, attribute)
              + " holds the deployment placeholder "
              + Wording.quote(placeholder.get())
              + ", so its value is not checked; render the template before loading to have "
              + literalOf(expected)
              + " checked");
      return;
    }
    if (!value.namedValues().isEmpty()) {
      // Named values are resolved at deploy time; the gateway checks the resolved text.
      return;
    }
    checkType(node, attribute, expected);
  }

  /** How messages name an attribute; built only when there is something to report. */
  private static String what(PolicyNode node, Attribute attribute) {
    return "attribute '" + attribute.name() + "' of '" + node.name() + "'";
  }

  private void checkType(PolicyNode node, Attribute attribute, AttributeDescriptor expected) {
    PolicyValue value = attribute.value();
    String text = value.text();
    String trimmed = text.strip();
    String problem =
        switch (expected.type()) {
          case STRING -> null;
          case BOOLEAN ->
              trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")
                  ? null
                  : what(node, attribute) + " must be true or false, not " + Wording.quote(text);
          case INTEGER ->
              isInteger(trimmed)
                  ? null
                  : what(node, attribute) + " must be a whole number, not " + Wording.quote(text);
          case ENUM ->
              expected.enumValues().contains(text)
                  ? null
                  : enumProblem(what(node, attribute), text, expected);
          case URL ->
              isUrl(text)
                  ? null
                  : what(node, attribute)
                      + " must be a URL such as https://backend.example.com/path or /path, not "
                      + Wording.quote(text);
        };
    if (problem != null) {
      String alternative = expected.expressionAllowed() ? " (or a policy expression)" : "";
      report(DiagnosticCode.INVALID_VALUE, value.position(), problem + alternative);
    }
  }

  private static String enumProblem(String what, String text, AttributeDescriptor expected) {
    String start =
        what
            + " must be one of "
            + Wording.quoted(expected.enumValues())
            + ", not "
            + Wording.quote(text);
    for (String allowed : expected.enumValues()) {
      if (allowed.equalsIgnoreCase(text.strip())) {
        return start + "; write '" + allowed + "' exactly";
      }
    }
    return start;
  }

  private static boolean isInteger(String text) {
    // What [+-]?[0-9]+ matches, without a regex on the path every integer attribute takes.
    int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch < '0' || ch > '9') {
        return false;
      }
    }
    try {
      Integer.parseInt(text);
      return true;
    } catch (NumberFormatException tooLarge) {
      return false;
    }
  }

  private static boolean isUrl(String text) {
    if (text.isBlank() || text.chars().anyMatch(Character::isWhitespace)) {
      return false;
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme();
      boolean web =
          scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
      return !web || uri.getHost() != null;
    } catch (URISyntaxException malformed) {
      return false;
    }
  }

  private static String literalOf(AttributeDescriptor expected) {
    return switch (expected.type()) {
      case STRING -> "a literal value";
      case BOOLEAN -> "true or false";
      case INTEGER -> "a whole number";
      case ENUM -> "one of " + Wording.quoted(expected.enumValues());
      case URL -> "a literal URL";
    };
  }

  /**
   * A whole expression, or text the reader left literal because the expression in it is malformed
   * (the reader reports that; a type error on top would only repeat it).
   */
  private static boolean looksLikeExpression(PolicyValue value) {
    if (value.isExpression()) {
      return true;
    }
    String text = value.text().stripLeading();
    return text.startsWith("@(") || text.startsWith("@{");
  }

  private static Optional<String> placeholder(PolicyValue value) {
    if (value.text().indexOf('{') < 0) {
      return Optional.empty(); // every placeholder form holds a brace
    }
    Matcher matcher = PLACEHOLDER.matcher(value.text());
    return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
  }

  private void report(DiagnosticCode code, SourcePosition position, String message) {
    diagnostics.add(Diagnostic.of(code, position, message));
  }
}
