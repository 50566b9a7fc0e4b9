package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.core.Severity;
import dev.sluice.core.catalog.PolicyCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * Runs the enabled rules of a {@link RuleRegistry} over policy documents and the effective policies
 * of operations, and collects a {@link LintReport}.
 *
 * <p>Immutable and thread-safe: rules are stateless and each run gets its own contexts. A rule's
 * severity is the configured level, else its default; rules configured {@code off} do not run.
 * Nothing is thrown for bad policies; problems are findings.
 */
public final class Linter {

  /** The API and operation ids {@link #lintAsStreamingOperation} gives a lone file. */
  public static final String LONE_API = "api";

  public static final String LONE_OPERATION = "stream";

  private final RuleRegistry registry;
  private final LintConfig config;
  private final PolicyCatalog catalog;
  private final ToolInfo tool;

  private Linter(Builder builder) {
    this.registry = builder.registry;
    this.config = builder.config;
    this.catalog = builder.catalog;
    this.tool = builder.tool;
  }

  /** A linter with the standard rules, default levels, the standard catalog. */
  public static Linter create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Lints these documents; every document's file counts as scanned. */
  public LintReport lint(List<PolicyDocument> documents) {
    return lint(documents, List.of());
  }

  /**
   * Lints these documents and carries the diagnostics found while loading them (and files that did
   * not load) into the report as findings under their codes, so a file that fails to parse shows up
   * in every format. Configuration levels do not apply to diagnostics.
   */
  public LintReport lint(List<PolicyDocument> documents, List<Diagnostic> loadDiagnostics) {
    return lint(documents, List.of(), loadDiagnostics);
  }

  /**
   * Lints a whole gateway: every policy file and fragment as written, and the effective policy of
   * every operation (one graph per product that includes its API). Problems found while building
   * the graphs are carried as findings under their codes.
   */
  public LintReport lint(Gateway gateway) {
    List<PolicyDocument> documents = new ArrayList<>();
    gateway.scopedDocuments().forEach(scoped -> documents.add(scoped.document()));
    documents.addAll(gateway.fragments().values());
    LoadResult<List<PolicyGraph>> graphs = PolicyGraph.buildAll(gateway);
    return lint(
        documents, graphs.value().orElse(List.of()), graphs.diagnostics(), Optional.of(gateway));
  }

  /**
   * Lints one policy file as the policy of a single operation that streams Server-Sent Events, with
   * no API, product or global policy of its own (so APIM's default global policy is assumed): what
   * can be said of a lone file. A fragment is linted as written only.
   */
  public LintReport lintAsStreamingOperation(PolicyDocument document) {
    if (document.kind() != PolicyDocument.Kind.POLICY) {
      return lint(List.of(document));
    }
    SourcePosition source = document.root().position();
    Gateway.Operation operation =
        new Gateway.Operation(
            LONE_API, LONE_OPERATION, Gateway.Operation.ANY_METHOD, "/", Optional.of(document), true,
            Optional.empty(), source);
    Gateway.Api api =
        new Gateway.Api(LONE_API, "", Optional.empty(), Optional.empty(), List.of(operation), source);
    return lint(Gateway.of(List.of(api), Map.of(), source));
  }

  /**
   * Lints files as written ({@code documents}: every file counts as scanned and is checked by
   * {@link Rule#checkDocument}) and effective policies ({@code graphs}, checked by {@link
   * Rule#checkGraph}), and carries {@code loadDiagnostics} as findings. Findings with the same rule,
   * position and message (one node reached through two products, say) are reported once.
   */
  public LintReport lint(
      List<PolicyDocument> documents, List<PolicyGraph> graphs, List<Diagnostic> loadDiagnostics) {
    return lint(documents, graphs, loadDiagnostics, Optional.empty());
  }

  private LintReport lint(
      List<PolicyDocument> documents,
      List<PolicyGraph> graphs,
      List<Diagnostic> loadDiagnostics,
      Optional<Gateway> gateway) {
    // Keyed by what the reader sees, so one problem reached through two products (whose
    // inheritance chains differ) is reported once.
    Map<List<Object>, Finding> findings = new LinkedHashMap<>();
    for (Diagnostic diagnostic : loadDiagnostics) {
      add(Finding.of(diagnostic), findings);
    }
    Map<SourcePosition, PolicyNode> elements = new HashMap<>();
    for (PolicyDocument document : documents) {
      index(document.root(), elements);
    }
    List<RuleInfo> ran = new ArrayList<>();
    Map<Rule, RuleContext> contexts = new LinkedHashMap<>();
    Set<String> enabled = new HashSet<>();
    for (Rule rule : registry.rules()) {
      severityOf(rule.info()).ifPresent(severity -> enabled.add(rule.id()));
    }
    for (Rule rule : registry.rules()) {
      Optional<Severity> severity = severityOf(rule.info());
      if (severity.isEmpty()) {
        continue;
      }
      ran.add(rule.info());
      RuleContext context =
          new RuleContext(
              rule.info(), severity.get(), catalog, registry, elements, enabled, gateway);
      contexts.put(rule, context);
      for (PolicyDocument document : documents) {
        rule.checkDocument(document, context);
      }
      for (PolicyGraph graph : graphs) {
        rule.checkGraph(graph, context);
      }
      context.drain().forEach(finding -> add(finding, findings));
    }
    List<Finding> reported = List.copyOf(findings.values());
    contexts.forEach(
        (rule, context) -> {
          for (PolicyDocument document : documents) {
            rule.checkFindings(document, reported, context);
          }
          context.drain().forEach(finding -> add(finding, findings));
        });
    List<String> files = documents.stream().map(PolicyDocument::file).toList();
    return new LintReport(tool, files, ran, List.copyOf(findings.values()));
  }

  private static void add(Finding finding, Map<List<Object>, Finding> into) {
    into.putIfAbsent(
        List.of(finding.ruleId(), finding.position(), finding.message(), finding.isSuppressed()),
        finding);
  }

  private static void index(PolicyNode node, Map<SourcePosition, PolicyNode> into) {
    into.putIfAbsent(node.position(), node);
    for (PolicyNode child : node.children()) {
      index(child, into);
    }
  }

  /** The severity a rule's findings get, empty when the rule is off. */
  public Optional<Severity> severityOf(RuleInfo rule) {
    return config.level(rule.id()).map(RuleLevel::severity).orElse(Optional.of(rule.defaultSeverity()));
  }

  /** Configures a {@link Linter}; every setting has a default. */
  public static final class Builder {
    private RuleRegistry registry = RuleRegistry.standard();
    private LintConfig config = LintConfig.defaults();
    private PolicyCatalog catalog = PolicyCatalog.standard();
    private ToolInfo tool = ToolInfo.current();

    private Builder() {}

    public Builder registry(RuleRegistry value) {
      this.registry = requireNonNull(value, "registry");
      return this;
    }

    public Builder config(LintConfig value) {
      this.config = requireNonNull(value, "config");
      return this;
    }

    public Builder catalog(PolicyCatalog value) {
      this.catalog = requireNonNull(value, "catalog");
      return this;
    }

    public Builder tool(ToolInfo value) {
      this.tool = requireNonNull(value, "tool");
      return this;
    }

    public Linter build() {
      return new Linter(this);
    }
  }
}
