package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Attribute;
import dev.sluice.core.Gateway;
import dev.sluice.core.Scope;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.catalog.BodyAccess;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.Inclusion;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Fix;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.TextEdit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Plans the safe fixes of {@code SSE001} (a policy that buffers the response of an event stream,
 * such as {@code forward-request} without {@code buffer-response="false"}).
 *
 * <p>A fix never changes what an operation that does not stream runs:
 *
 * <ul>
 *   <li>A buffering policy written in a scope whose operations all stream (the operation itself, or
 *       an API, product or global policy that covers only streaming operations) is fixed where it
 *       stands: {@code buffer-response="false"} is added, or {@code "true"} becomes {@code "false"}.
 *   <li>Otherwise (a plain {@code <forward-request/>} in a global policy shared with other APIs, or
 *       APIM's default global policy assumed for a lone file), the first {@code <base/>} on the way
 *       from the operation to it, when it stands in a scope that covers only streaming operations and
 *       brings in nothing but that policy, is replaced by the policy with {@code
 *       buffer-response="false"} (its other attributes copied as written). That is the narrowest
 *       override: the operation's own {@code <backend>} when it has a policy file.
 *   <li>Nothing else is changed: a value set by an expression or named value, a policy in a fragment
 *       or reached only through scopes shared with non-streaming operations, a {@code <base/>} that
 *       also brings in other policies. Those are listed as not fixed, with the reason.
 * </ul>
 *
 * <p>Edits are exact text replacements; the rest of each file is kept byte for byte. Not
 * thread-safe (it caches file texts); one instance serves one run.
 */
final class StreamFixes {

  static final String RULE_ID = "SSE001";

  /** The fixes to apply and the findings left alone, each as a line for the user. */
  record Plan(List<Fix> fixes, List<String> notFixed) {
    Plan {
      fixes = List.copyOf(fixes);
      notFixed = List.copyOf(notFixed);
    }

    /** The edits of every fix, by file. */
    Map<String, List<TextEdit>> editsByFile() {
      Map<String, List<TextEdit>> byFile = new LinkedHashMap<>();
      for (Fix fix : fixes) {
        for (TextEdit edit : fix.edits()) {
          byFile.computeIfAbsent(edit.start().file(), f -> new ArrayList<>()).add(edit);
        }
      }
      return byFile;
    }
  }

  private final PolicyCatalog catalog;
  private final Map<String, Optional<String>> texts = new HashMap<>();
  private final Map<String, List<int[]>> taken = new HashMap<>();
  private final Map<TextEdit, Boolean> planned = new LinkedHashMap<>();
  private final List<Fix> fixes = new ArrayList<>();
  private final List<String> notFixed = new ArrayList<>();

  StreamFixes(PolicyCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
  }

  /**
   * Adds the fixes for the unsuppressed {@code SSE001} findings of {@code report}, which must have
   * been produced from {@code graphs} of {@code gateway} (positions as the loader gave them).
   */
  void plan(Gateway gateway, List<PolicyGraph> graphs, LintReport report) {
    for (Finding finding : report.activeFindings()) {
      if (!finding.ruleId().equals(RULE_ID)) {
        continue;
      }
      boolean matched = false;
      for (PolicyGraph graph : graphs) {
        if (!graph.operation().streaming()) {
          continue;
        }
        for (Section section : Section.values()) {
          for (GraphNode node : graph.section(section)) {
            matched |= visit(gateway, graph, section, node, finding);
          }
        }
      }
      if (!matched) {
        notFixed.add(finding.position() + ": no safe fix: " + finding.message());
      }
    }
  }

  Plan result() {
    return new Plan(fixes, notFixed);
  }

  private boolean visit(
      Gateway gateway, PolicyGraph graph, Section section, GraphNode node, Finding finding) {
    boolean matched = false;
    SourcePosition reported = reportedAt(node);
    // Reported at the node itself, or at a <base/> naming the node as related location.
    if (reported.equals(finding.position())
        && (reported.equals(node.position())
            || finding.related().stream().anyMatch(r -> r.position().equals(node.position())))) {
      Optional<String> attribute = bufferingAttribute(node, section);
      if (attribute.isPresent()) {
        fix(gateway, graph, section, node, attribute.get());
        matched = true;
      }
    }
    for (GraphNode child : node.children()) {
      matched |= visit(gateway, graph, section, child, finding);
    }
    return matched;
  }

  /** Where the rule reports a node: itself, or the first element through which it is inherited. */
  private static SourcePosition reportedAt(GraphNode node) {
    return node.provenance().via().stream()
        .map(Inclusion::at)
        .flatMap(Optional::stream)
        .findFirst()
        .orElse(node.position());
  }

  private Optional<String> bufferingAttribute(GraphNode node, Section section) {
    return catalog.find(node.name()).stream()
        .flatMap(descriptor -> descriptor.bodyAccess().stream())
        .filter(access -> access.resolveTarget(section) == BodyAccess.Target.RESPONSE)
        .map(BodyAccess::bufferingAttribute)
        .flatMap(Optional::stream)
        .findFirst();
  }

  private void fix(
      Gateway gateway, PolicyGraph graph, Section section, GraphNode node, String attribute) {
    Optional<Attribute> present = node.attribute(attribute);
    if (present.isPresent()
        && !(present.get().value().isPlainLiteral()
            && present.get().text().strip().toLowerCase(Locale.ROOT).equals("true"))) {
      notFixed.add(node.position() + ": no safe fix: " + attribute + " of <" + node.name()
          + "> is not a literal true; set " + attribute + "=\"false\" by hand");
      return;
    }
    boolean assumed = node.position().file().equals(PolicyGraph.DEFAULT_GLOBAL_POLICY_FILE);
    if (!assumed
        && node.provenance().fragmentId().isEmpty()
        && onlyStreams(gateway, node.provenance().scope())) {
      fixInPlace(node, attribute, present);
      return;
    }
    Optional<Inclusion> base =
        node.provenance().via().stream()
            .filter(step -> step.kind() == Inclusion.Kind.BASE && step.at().isPresent())
            .findFirst();
    if (base.isEmpty() || !onlyStreams(gateway, base.get().from())) {
      notFixed.add(reportedAt(node) + ": no safe fix: the <" + node.name() + "> of "
          + graph.scope() + " comes from " + node.provenance().label()
          + " through scopes shared with operations that do not stream; add <" + node.name() + " "
          + attribute + "=\"false\" /> to the <" + section.xmlName() + "> of " + graph.scope());
      return;
    }
    SourcePosition at = base.get().at().orElseThrow();
    List<GraphNode> brought =
        graph.section(section).stream()
            .filter(n -> n.provenance().via().stream().anyMatch(step -> step.at().equals(Optional.of(at))))
            .toList();
    if (!brought.equals(List.of(node))) {
      notFixed.add(at + ": no safe fix: this <base/> brings in more than the <" + node.name()
          + ">; replace it by hand with the policies it brings and " + attribute + "=\"false\"");
      return;
    }
    replaceBase(at, node, attribute, base.get().from());
  }

  /** Sets the attribute to false where the node is written. */
  private void fixInPlace(GraphNode node, String attribute, Optional<Attribute> present) {
    SourcePosition position = node.position();
    Optional<String> text = text(position.file());
    if (text.isEmpty()) {
      return;
    }
    String source = text.get();
    int start = SourceEdits.offset(source, position);
    if (!source.startsWith("<" + node.name(), start)) {
      notFixed.add(position + ": no safe fix: the file changed since it was read");
      return;
    }
    String description;
    int editStart;
    int editEnd;
    String replacement;
    if (present.isEmpty()) {
      description = "added " + attribute + "=\"false\" to <" + node.name() + ">";
      editStart = start + 1 + node.name().length();
      editEnd = editStart;
      replacement = " " + attribute + "=\"false\"";
    } else {
      int[] value = valueSpan(source, SourceEdits.offset(source, present.get().position()));
      if (value.length == 0) {
        notFixed.add(present.get().position() + ": no safe fix: cannot find the attribute's value");
        return;
      }
      description = "set " + attribute + "=\"false\" on <" + node.name() + ">";
      editStart = value[0];
      editEnd = value[1];
      replacement = "false";
    }
    add(position, source, editStart, editEnd, replacement, description);
  }

  /** Replaces a {@code <base/>} with the inherited node, not buffering. */
  private void replaceBase(SourcePosition at, GraphNode node, String attribute, Scope scope) {
    Optional<String> text = text(at.file());
    if (text.isEmpty()) {
      return;
    }
    String source = text.get();
    int start = SourceEdits.offset(source, at);
    int end = elementEnd(source, start, "base");
    if (end < 0) {
      notFixed.add(at + ": no safe fix: the <base/> could not be found in the file");
      return;
    }
    StringBuilder element = new StringBuilder("<").append(node.name());
    if (!node.position().file().equals(PolicyGraph.DEFAULT_GLOBAL_POLICY_FILE)) {
      Optional<String> inherited = text(node.position().file());
      if (inherited.isEmpty()) {
        return;
      }
      for (Attribute other : node.attributes()) {
        if (other.name().equals(attribute)) {
          continue;
        }
        int from = SourceEdits.offset(inherited.get(), other.position());
        int[] value = valueSpan(inherited.get(), from);
        if (value.length == 0) {
          notFixed.add(other.position() + ": no safe fix: cannot copy this attribute");
          return;
        }
        element.append(' ').append(inherited.get(), from, value[1] + 1);
      }
    }
    element.append(' ').append(attribute).append("=\"false\" />");
    add(at, source, start, end, element.toString(),
        "replaced <base/> in " + scope + " with " + element
            + ", instead of inheriting the buffering <" + node.name() + "> of "
            + node.provenance().label());
  }

  private void add(
      SourcePosition at, String source, int start, int end, String replacement, String description) {
    TextEdit edit =
        new TextEdit(position(at.file(), source, start), position(at.file(), source, end), replacement);
    if (planned.containsKey(edit)) {
      return; // the same fix, reached through another product or operation
    }
    List<int[]> spans = taken.computeIfAbsent(at.file(), f -> new ArrayList<>());
    for (int[] span : spans) {
      if (start < span[1] && span[0] < end || start == span[0] && end == span[1]) {
        notFixed.add(at + ": no safe fix: another fix changes the same text");
        return;
      }
    }
    spans.add(new int[] {start, end});
    planned.put(edit, true);
    fixes.add(Fix.of(at + ": " + description, edit));
  }

  private Optional<String> text(String file) {
    return texts.computeIfAbsent(
        file,
        f -> {
          try {
            return Optional.of(Files.readString(Path.of(f), StandardCharsets.UTF_8));
          } catch (IOException | RuntimeException e) {
            notFixed.add(f + ": no safe fix: cannot read the file: " + e.getMessage());
            return Optional.empty();
          }
        });
  }

  /** Whether every operation the scope's policy applies to streams (and there is one). */
  static boolean onlyStreams(Gateway gateway, Scope scope) {
    List<Gateway.Operation> covered =
        switch (scope.level()) {
          case GLOBAL -> gateway.operations();
          case PRODUCT ->
              gateway.product(scope.id()).stream()
                  .flatMap(p -> p.apiIds().stream())
                  .flatMap(id -> gateway.api(id).stream())
                  .flatMap(api -> api.operations().stream())
                  .toList();
          case API -> gateway.api(scope.id()).map(Gateway.Api::operations).orElse(List.of());
          case OPERATION ->
              gateway.operations().stream().filter(op -> op.scope().equals(scope)).toList();
        };
    return !covered.isEmpty() && covered.stream().allMatch(Gateway.Operation::streaming);
  }

  /**
   * The value of the attribute whose name starts at {@code from}: {start, end} offsets inside the
   * quotes; empty when the text there is not {@code name = "value"}.
   */
  private static int[] valueSpan(String source, int from) {
    int equals = source.indexOf('=', from);
    if (equals < 0) {
      return new int[0];
    }
    int quote = equals + 1;
    while (quote < source.length() && Character.isWhitespace(source.charAt(quote))) {
      quote++;
    }
    if (quote >= source.length() || (source.charAt(quote) != '"' && source.charAt(quote) != '\'')) {
      return new int[0];
    }
    int close = source.indexOf(source.charAt(quote), quote + 1);
    return close < 0 ? new int[0] : new int[] {quote + 1, close};
  }

  /** The offset just after the element named {@code name} that starts at {@code start}, or -1. */
  static int elementEnd(String source, int start, String name) {
    if (!source.startsWith("<" + name, start)) {
      return -1;
    }
    int close = source.indexOf('>', start);
    if (close < 0) {
      return -1;
    }
    if (source.charAt(close - 1) == '/') {
      return close + 1;
    }
    int endTag = source.indexOf("</" + name, close);
    int endClose = endTag < 0 ? -1 : source.indexOf('>', endTag);
    return endClose < 0 ? -1 : endClose + 1;
  }

  /** The position of a char offset, the inverse of {@link SourceEdits#offset}. */
  private static SourcePosition position(String file, String source, int offset) {
    int line = 1;
    int lineStart = source.startsWith("\uFEFF") ? 1 : 0;
    for (int i = lineStart; i < offset; i++) {
      char c = source.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 >= source.length() || source.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return SourcePosition.of(file, line, offset - lineStart + 1);
  }
}
