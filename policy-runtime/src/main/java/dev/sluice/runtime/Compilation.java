package dev.sluice.runtime;

import dev.sluice.core.Attribute;
import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyValue;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.expr.CompiledExpression;
import dev.sluice.core.expr.ExpressionAnalysis;
import dev.sluice.core.expr.ExpressionCompiler;
import dev.sluice.core.graph.GraphNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state of compiling one operation's graph: where diagnostics go, how values and expressions
 * compile, and the section and element path being compiled. Used by the {@link PolicyFactory}s;
 * single-threaded, discarded after the load.
 */
final class Compilation {
  private static final Pattern NAMED_VALUE = Pattern.compile("\\{\\{([^{}]+)}}");

  private final Map<String, String> namedValues;
  private final ExpressionCompiler compiler;
  private final CompilerOptions options;
  private final SharedState shared;
  private final OperationInfo operation;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private Section section = Section.INBOUND;
  private boolean readsRequestBody;
  private String path = "";
  private final List<GraphNode> responseBodyReaders = new ArrayList<>();
  private boolean readsResponseBody;

  Compilation(
      Map<String, String> namedValues,
      ExpressionCompiler compiler,
      CompilerOptions options,
      SharedState shared,
      OperationInfo operation) {
    this.namedValues = namedValues;
    this.compiler = compiler;
    this.options = options;
    this.shared = shared;
    this.operation = operation;
  }

  /** Elements outside on-error whose expressions read the response body. */
  List<GraphNode> responseBodyReaders() {
    return responseBodyReaders;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  CompilerOptions options() {
    return options;
  }

  SharedState shared() {
    return shared;
  }

  OperationInfo operation() {
    return operation;
  }

  /** The path of the element being compiled, such as {@code choose[1]}. */
  String path() {
    return path;
  }

  /** The section being compiled. */
  Section section() {
    return section;
  }

  /** Whether a policy in this section works on the request (inbound, backend). */
  boolean onRequest() {
    return section == Section.INBOUND || section == Section.BACKEND;
  }

  // ---- compiling policies ----

  List<PolicyStep> compileSection(Section value, List<GraphNode> nodes) {
    section = value;
    return compileNodes(nodes, "");
  }

  /** Compiles policies that stand side by side, such as the body of a {@code when}. */
  List<PolicyStep> compileNodes(List<GraphNode> nodes, String parentPath) {
    List<PolicyStep> steps = new ArrayList<>(nodes.size());
    Map<String, Integer> seen = new HashMap<>();
    for (GraphNode node : nodes) {
      int index = seen.merge(node.name(), 1, Integer::sum);
      compileNode(node, childPath(parentPath, node.name(), index)).ifPresent(steps::add);
    }
    return steps;
  }

  /** The path of a child element: {@code parent\name[index]}. */
  static String childPath(String parentPath, String name, int index) {
    String element = name + "[" + index + "]";
    return parentPath.isEmpty() ? element : parentPath + "\\" + element;
  }

  private Optional<PolicyStep> compileNode(GraphNode node, String path) {
    Optional<PolicyFactory> factory = PolicyRegistry.find(node.name());
    if (factory.isEmpty()) {
      error(
          node.position(),
          "<" + node.name() + "> cannot be executed by the gateway (the runtime executes: "
              + String.join(", ", PolicyRegistry.names().stream().sorted().toList())
              + "); remove it or run this policy in API Management");
      return Optional.empty();
    }
    boolean outerRequest = readsRequestBody;
    boolean outerResponse = readsResponseBody;
    readsRequestBody = false;
    readsResponseBody = false;
    int errorsBefore = errorCount();
    String outerPath = this.path;
    this.path = path;
    Optional<PolicyStep> created = factory.get().create(node, this);
    this.path = outerPath;
    boolean request = readsRequestBody;
    boolean response = readsResponseBody;
    readsRequestBody = outerRequest;
    readsResponseBody = outerResponse;
    if (created.isEmpty() || errorCount() > errorsBefore) {
      return Optional.empty();
    }
    PolicyStep step = created.get();
    if (request || response) {
      step = BodyPreparation.wrap(step, request, response);
    }
    if (response && section != Section.ON_ERROR) {
      responseBodyReaders.add(node);
    }
    String scope = node.provenance().scope().level().label();
    String id = node.attributeText("id").orElse("");
    return Optional.of(new LocatedStep(step, new StepLocation(node.name(), scope, path, id)));
  }

  private int errorCount() {
    return (int) diagnostics.stream().filter(Diagnostic::isError).count();
  }

  // ---- values ----

  /** A value compiled: an expression, or a literal with named values substituted. */
  Optional<TextValue> value(PolicyValue value) {
    if (value.expression().isPresent()) {
      LoadResult<CompiledExpression> result = compiler.compile(value.expression().get(), namedValues);
      diagnostics.addAll(result.diagnostics());
      if (result.value().isEmpty()) {
        return Optional.empty();
      }
      CompiledExpression expression = result.value().get();
      ExpressionAnalysis analysis = expression.analysis();
      readsRequestBody |= analysis.readsRequestBody();
      readsResponseBody |= analysis.readsResponseBody();
      return Optional.of(TextValue.expression(expression, operation, options.traceSink()));
    }
    return Optional.of(TextValue.literal(substitute(value)));
  }

  private String substitute(PolicyValue value) {
    String text = value.text();
    if (value.namedValues().isEmpty()) {
      return text;
    }
    Matcher matcher = NAMED_VALUE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1).trim();
      String replacement = namedValues.get(name);
      if (replacement == null) {
        diagnostics.add(
            Diagnostic.of(
                DiagnosticCode.EXPRESSION_NAMED_VALUE,
                value.positionOf(matcher.start()),
                "named value {{" + name + "}} has no value; it is replaced by the empty string"));
        replacement = "";
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** An optional attribute, compiled. */
  Optional<TextValue> attribute(GraphNode node, String name) {
    Optional<Attribute> attribute = node.attribute(name);
    return attribute.isEmpty() ? Optional.empty() : value(attribute.get().value());
  }

  /** An attribute with a default for when it is absent. */
  Optional<TextValue> attribute(GraphNode node, String name, String whenAbsent) {
    Optional<Attribute> attribute = node.attribute(name);
    return attribute.isEmpty()
        ? Optional.of(TextValue.literal(whenAbsent))
        : value(attribute.get().value());
  }

  /** A required attribute; reports its absence. */
  Optional<TextValue> required(GraphNode node, String name) {
    if (node.attribute(name).isEmpty()) {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.MISSING_ATTRIBUTE,
              node.position(),
              "<" + node.name() + "> needs the attribute " + name));
      return Optional.empty();
    }
    return attribute(node, name);
  }

  /** The element's text, compiled; empty text when it has none. */
  Optional<TextValue> text(GraphNode node) {
    return node.text().isEmpty() ? Optional.of(TextValue.literal("")) : value(node.text().get());
  }

  /** A boolean attribute that must be a literal. Reports other values and returns the default. */
  boolean literalFlag(GraphNode node, String name, boolean whenAbsent) {
    Optional<Attribute> attribute = node.attribute(name);
    if (attribute.isEmpty()) {
      return whenAbsent;
    }
    Optional<String> literal = literalText(attribute.get());
    if (literal.isEmpty()) {
      return whenAbsent;
    }
    String text = literal.get().trim().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      invalid(attribute.get(), name + " must be true or false, not '" + literal.get() + "'");
      return whenAbsent;
    }
    return text.equals("true");
  }

  /** An integer attribute that must be a literal, within bounds. */
  long literalInteger(GraphNode node, String name, long whenAbsent, long min, long max) {
    Optional<Attribute> attribute = node.attribute(name);
    if (attribute.isEmpty()) {
      return whenAbsent;
    }
    Optional<String> literal = literalText(attribute.get());
    if (literal.isEmpty()) {
      return whenAbsent;
    }
    try {
      long value = Long.parseLong(literal.get().trim());
      if (value < min || value > max) {
        invalid(attribute.get(), name + " must be between " + min + " and " + max + ", not " + value);
        return whenAbsent;
      }
      return value;
    } catch (NumberFormatException e) {
      invalid(attribute.get(), name + " must be an integer, not '" + literal.get() + "'");
      return whenAbsent;
    }
  }

  /** An integer attribute that may be an expression: checked now when literal. */
  Optional<TextValue> integer(GraphNode node, String name, String whenAbsent, long min, long max) {
    Optional<Attribute> attribute = node.attribute(name);
    if (attribute.isPresent() && !attribute.get().value().isExpression()) {
      long value = literalInteger(node, name, 0, min, max);
      return Optional.of(TextValue.literal(Long.toString(value)));
    }
    return attribute(node, name, whenAbsent);
  }

  private Optional<String> literalText(Attribute attribute) {
    if (attribute.value().isExpression()) {
      error(
          attribute.position(),
          "the runtime needs a literal value for " + attribute.name() + ", not an expression");
      return Optional.empty();
    }
    Optional<TextValue> value = value(attribute.value());
    return value.map(TextValue::literalText);
  }

  private void invalid(Attribute attribute, String message) {
    diagnostics.add(
        Diagnostic.of(DiagnosticCode.INVALID_VALUE, attribute.value().position(), message));
  }

  /** Reports that something cannot be executed, at {@code position}. */
  void error(SourcePosition position, String message) {
    diagnostics.add(Diagnostic.of(DiagnosticCode.POLICY_NOT_EXECUTABLE, position, message));
  }

  /** Reports an unsupported attribute when present. */
  void unsupported(GraphNode node, String attribute, String why) {
    node.attribute(attribute)
        .ifPresent(
            a -> error(a.position(), "<" + node.name() + "> " + attribute + " is not supported: " + why));
  }

  /** Reports an unsupported child element when present. */
  void unsupportedChild(GraphNode node, String child, String why) {
    for (GraphNode found : node.children(child)) {
      error(found.position(), "<" + child + "> in <" + node.name() + "> is not supported: " + why);
    }
  }

  /** A step wrapped so its failures name the element that failed. */
  record LocatedStep(PolicyStep inner, StepLocation location) implements PolicyStep {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Future<StepOutcome> apply(PolicyContext context) {
      Future<StepOutcome> result;
      try {
        result = inner.apply(context);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      if (result == null) {
        result = Future.failedFuture(new IllegalStateException(inner.name() + " returned null"));
      }
      if (result.succeeded()) {
        return result;
      }
      return result.recover(err -> Future.failedFuture(LocatedFailure.attach(err, location)));
    }

    @Override
    public String toString() {
      return location.path();
    }
  }
}
