package dev.sluice.lint;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Severity;
import dev.sluice.core.catalog.PolicyCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the enabled rules of a {@link RuleRegistry} over policy documents and collects a {@link
 * LintReport}.
 *
 * <p>Immutable and thread-safe: rules are stateless and each run gets its own contexts. A rule's
 * severity is the configured level, else its default; rules configured {@code off} do not run.
 * Nothing is thrown for bad policies; problems are findings.
 */
public final class Linter {

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
    List<Finding> findings = new ArrayList<>();
    for (Diagnostic diagnostic : loadDiagnostics) {
      findings.add(Finding.of(diagnostic));
    }
    List<RuleInfo> ran = new ArrayList<>();
    for (Rule rule : registry.rules()) {
      Optional<Severity> severity = severityOf(rule.info());
      if (severity.isEmpty()) {
        continue;
      }
      ran.add(rule.info());
      RuleContext context = new RuleContext(rule.info(), severity.get(), catalog, registry);
      for (PolicyDocument document : documents) {
        rule.checkDocument(document, context);
      }
      findings.addAll(context.findings());
    }
    List<String> files = documents.stream().map(PolicyDocument::file).toList();
    return new LintReport(tool, files, ran, findings);
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
