package dev.sluice.runtime;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Section;
import dev.sluice.core.Severity;
import dev.sluice.core.catalog.BodyAccess;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.core.catalog.PolicyDescriptor;
import dev.sluice.core.expr.ExpressionCompiler;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Compiles the effective policy of an operation ({@link PolicyGraph}) into a {@link Pipeline}, once,
 * at load: every element is validated into its configuration and every expression compiled (named
 * values of the gateway substituted), so an exchange never sees XML or parses anything.
 *
 * <p>Failures are diagnostics at the element's position: a policy the runtime cannot execute is a
 * {@link DiagnosticCode#POLICY_NOT_EXECUTABLE} error (never silently skipped), and the result then
 * has no pipeline. When the operation streams Server-Sent Events and a policy would buffer its
 * response (the catalog's {@link BodyAccess}, or an expression reading {@code context.Response.Body}),
 * a {@link DiagnosticCode#STREAM_BUFFERED} warning is reported and logged once (logger {@code
 * dev.sluice.runtime}); with {@link CompilerOptions#strictBuffering()} it is an error.
 *
 * <p>A compiler holds the state its pipelines share (rate-limit counters, concurrency slots), so
 * compile every operation of one gateway with the same compiler. Thread-safe for use by one loader
 * at a time; compiled pipelines are immutable and thread-safe.
 */
public final class PipelineCompiler {
  private static final Logger LOG = Logger.getLogger("dev.sluice.runtime");

  private final Map<String, String> namedValues;
  private final CompilerOptions options;
  private final ExpressionCompiler expressions = ExpressionCompiler.create();
  private final SharedState shared = new SharedState();
  private final PolicyCatalog catalog = PolicyCatalog.standard();

  private PipelineCompiler(Map<String, String> namedValues, CompilerOptions options) {
    this.namedValues = Map.copyOf(namedValues);
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A compiler using the named values of {@code gateway}. */
  public static PipelineCompiler create(Gateway gateway, CompilerOptions options) {
    Map<String, String> values = new LinkedHashMap<>();
    gateway.namedValues().forEach((name, value) -> value.value().ifPresent(v -> values.put(name, v)));
    return new PipelineCompiler(values, options);
  }

  /** A compiler with the given named values. */
  public static PipelineCompiler create(Map<String, String> namedValues, CompilerOptions options) {
    return new PipelineCompiler(namedValues, options);
  }

  /** Compiles one operation's graph; the result has a pipeline unless there is an error. */
  public LoadResult<Pipeline> compile(PolicyGraph graph) {
    Objects.requireNonNull(graph, "graph");
    OperationInfo operation =
        new OperationInfo(
            graph.api().id(),
            graph.api().path(),
            graph.api().backendUrl().orElse(""),
            graph.operation().id(),
            graph.operation().method(),
            graph.operation().urlTemplate(),
            graph.operation().examples());
    Compilation compilation = new Compilation(namedValues, expressions, options, shared, operation);
    Pipeline.Builder builder = Pipeline.builder();
    for (Section section : Section.values()) {
      for (PolicyStep step : compilation.compileSection(section, graph.section(section))) {
        builder.add(section, step);
      }
    }
    List<Diagnostic> diagnostics = new ArrayList<>(compilation.diagnostics());
    if (graph.operation().streaming()) {
      diagnostics.addAll(bufferingFindings(graph, compilation));
    }
    diagnostics = diagnostics.stream().distinct().sorted().toList();
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return LoadResult.failed(diagnostics);
    }
    return LoadResult.of(builder.build(), diagnostics);
  }

  private List<Diagnostic> bufferingFindings(PolicyGraph graph, Compilation compilation) {
    List<Diagnostic> findings = new ArrayList<>();
    Severity severity = options.strictBuffering() ? Severity.ERROR : Severity.WARNING;
    String operation = graph.scope().toString();
    for (Section section : Section.values()) {
      if (section == Section.ON_ERROR) {
        continue; // the stream has ended by then
      }
      for (GraphNode node : flatten(graph.section(section))) {
        Optional<PolicyDescriptor> descriptor = catalog.find(node.name());
        if (descriptor.isEmpty()) {
          continue;
        }
        for (BodyAccess access : descriptor.get().bodyAccess()) {
          if (access.resolveTarget(section) != BodyAccess.Target.RESPONSE
              || access.buffers(node.node()).equals(Optional.of(false))) {
            continue;
          }
          String how =
              access.bufferingAttribute()
                  .map(a -> " (set " + a + "=\"false\" to relay each event)")
                  .orElse("");
          findings.add(
              Diagnostic.of(
                  DiagnosticCode.STREAM_BUFFERED,
                  severity,
                  node.position(),
                  "<" + node.name() + "> buffers the whole text/event-stream response of "
                      + operation + ", so no event reaches the client before the stream ends"
                      + how));
        }
      }
    }
    for (GraphNode node : compilation.responseBodyReaders()) {
      findings.add(
          Diagnostic.of(
              DiagnosticCode.STREAM_BUFFERED,
              severity,
              node.position(),
              "<" + node.name() + "> reads context.Response.Body, which buffers the whole"
                  + " text/event-stream response of " + operation));
    }
    for (Diagnostic finding : findings.stream().distinct().toList()) {
      LOG.log(options.strictBuffering() ? Level.SEVERE : Level.WARNING, finding.format());
    }
    return findings;
  }

  private static List<GraphNode> flatten(List<GraphNode> nodes) {
    List<GraphNode> all = new ArrayList<>();
    for (GraphNode node : nodes) {
      all.add(node);
      all.addAll(flatten(node.children()));
    }
    return all;
  }
}
