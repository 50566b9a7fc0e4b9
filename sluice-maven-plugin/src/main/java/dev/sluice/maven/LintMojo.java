package dev.sluice.maven;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Severity;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FailurePolicy;
import dev.sluice.lint.Finding;
import dev.sluice.lint.LintConfig;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.Linter;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.RuleRegistry;
import dev.sluice.lint.ToolInfo;
import dev.sluice.lint.format.ReportFormat;
import dev.sluice.xml.GatewayLoader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code sluice:lint}: lints API Management policies (policy files, folders, an APIOps extract or a
 * gateway descriptor) as {@code sluice lint} does, logs every finding, optionally writes a report,
 * and fails the build when findings reach {@code failOn} or exceed {@code maxWarnings}.
 *
 * <p>Bound to {@code verify} by default. A missing default folder ({@code src/main/apim}) means
 * nothing to lint; a missing configured path, an unreadable input or an invalid configuration
 * fails with {@link MojoExecutionException}; findings over the threshold fail with {@link
 * MojoFailureException}.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class LintMojo extends AbstractMojo {

  /** What to lint; default {@code ${project.basedir}/src/main/apim}. */
  @Parameter(property = "sluice.paths")
  List<File> paths;

  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** Report format: text, json, sarif, junit or checkstyle. */
  @Parameter(property = "sluice.format", defaultValue = "text")
  String format = "text";

  /**
   * Where to write the report. Without it a text report is only logged; other formats go to
   * {@code ${project.build.directory}/sluice-lint.<ext>}.
   */
  @Parameter(property = "sluice.outputFile")
  File outputFile;

  @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
  File buildDirectory;

  /** Fail when a finding is at least this severe: error, warning or info. */
  @Parameter(property = "sluice.failOn", defaultValue = "error")
  String failOn = "error";

  /** Also fail when there are more than this many warnings; negative means no limit. */
  @Parameter(property = "sluice.maxWarnings", defaultValue = "-1")
  int maxWarnings = -1;

  /** Rule ids to turn off. */
  @Parameter(property = "sluice.disable")
  List<String> disable = new ArrayList<>();

  /** A {@code sluice-lint.json} rule-level file; default: the one in the project folder, if any. */
  @Parameter(property = "sluice.config")
  File config;

  @Parameter(property = "sluice.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Log log = getLog();
    if (skip) {
      log.info("Sluice lint skipped");
      return;
    }
    ReportFormat reportFormat =
        ReportFormat.fromName(format)
            .orElseThrow(() -> new MojoExecutionException(
                "format must be text, json, sarif, junit or checkstyle: '" + format + "'"));
    Severity threshold =
        FailurePolicy.parseFailOn(failOn)
            .orElseThrow(() -> new MojoExecutionException(
                "failOn must be error, warning or info: '" + failOn + "'"));
    FailurePolicy policy =
        new FailurePolicy(
            threshold, maxWarnings < 0 ? OptionalInt.empty() : OptionalInt.of(maxWarnings));
    RuleRegistry registry = RuleRegistry.standard();
    List<String> disabled = disable == null ? List.of() : disable.stream().map(String::strip).toList();
    for (String id : disabled) {
      if (registry.find(id).isEmpty()) {
        throw new MojoExecutionException("disable: no rule '" + id + "'");
      }
    }
    LintConfig lintConfig = readConfig(registry).disable(disabled);

    List<Path> inputs = new ArrayList<>();
    if (paths == null || paths.isEmpty()) {
      Path fallback = basedir.toPath().resolve("src/main/apim");
      if (!Files.exists(fallback)) {
        log.info("Sluice lint: no " + fallback + ", nothing to lint");
        return;
      }
      inputs.add(fallback);
    } else {
      for (File file : paths) {
        Path path = file.toPath();
        if (!Files.exists(path)) {
          throw new MojoExecutionException("no such file or directory: " + path);
        }
        inputs.add(path);
      }
    }

    LintReport report = lint(inputs, lintConfig).relativeTo(basedir.toPath());
    for (Finding finding : report.activeFindings()) {
      switch (finding.severity()) {
        case ERROR -> log.error(finding.format());
        case WARNING -> log.warn(finding.format());
        default -> log.info(finding.format());
      }
    }
    String text = ReportFormat.TEXT.format(report).stripTrailing();
    log.info(text.substring(text.lastIndexOf('\n') + 1));
    writeReport(reportFormat, report, log);

    if (report.findings().stream().anyMatch(f -> f.ruleId().equals(DiagnosticCode.IO_ERROR.name()))) {
      throw new MojoExecutionException("Sluice lint could not read every input; see the errors above");
    }
    Optional<String> failure = policy.failure(report);
    if (failure.isPresent()) {
      throw new MojoFailureException("Sluice lint failed: " + failure.get());
    }
  }

  private LintConfig readConfig(RuleRegistry registry) throws MojoExecutionException {
    Path file;
    if (config != null) {
      file = config.toPath();
    } else {
      file = basedir.toPath().resolve(LintConfig.FILE_NAME);
      if (!Files.isRegularFile(file)) {
        return LintConfig.defaults();
      }
    }
    LoadResult<LintConfig> read = LintConfig.read(file, registry);
    for (Diagnostic diagnostic : read.diagnostics()) {
      if (diagnostic.isError()) {
        getLog().error(diagnostic.format());
      } else {
        getLog().warn(diagnostic.format());
      }
    }
    if (read.value().isEmpty() || read.diagnostics().stream().anyMatch(Diagnostic::isError)) {
      throw new MojoExecutionException("invalid lint configuration " + file);
    }
    return read.value().get();
  }

  private void writeReport(ReportFormat reportFormat, LintReport report, Log log)
      throws MojoExecutionException {
    Path target;
    if (outputFile != null) {
      target = outputFile.toPath();
    } else if (reportFormat != ReportFormat.TEXT) {
      target = buildDirectory.toPath().resolve("sluice-lint." + reportFormat.extension());
    } else {
      return;
    }
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.writeString(target, reportFormat.format(report), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + target + ": " + e.getMessage(), e);
    }
    log.info("Sluice lint report: " + target);
  }

  /** Lints every input as its own gateway and unites the reports. */
  static LintReport lint(List<Path> inputs, LintConfig config) {
    GatewayLoader loader = GatewayLoader.create();
    Linter linter = Linter.builder().config(config).build();
    Set<String> files = new LinkedHashSet<>();
    Set<RuleInfo> rules = new LinkedHashSet<>();
    Set<Finding> findings = new LinkedHashSet<>();
    for (Path input : inputs) {
      LoadResult<Gateway> loaded = loader.load(input.toAbsolutePath().normalize());
      List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
      List<PolicyDocument> documents = new ArrayList<>();
      List<PolicyGraph> graphs = new ArrayList<>();
      if (loaded.value().isPresent()) {
        Gateway gateway = loaded.value().get();
        gateway.scopedDocuments().forEach(scoped -> documents.add(scoped.document()));
        documents.addAll(gateway.fragments().values());
        LoadResult<List<PolicyGraph>> built = PolicyGraph.buildAll(gateway);
        diagnostics.addAll(built.diagnostics());
        built.value().ifPresent(graphs::addAll);
      }
      LintReport report = linter.lint(documents, graphs, diagnostics.stream().distinct().toList());
      files.addAll(report.files());
      rules.addAll(report.rules());
      findings.addAll(report.findings());
    }
    return new LintReport(ToolInfo.current(), List.copyOf(files), List.copyOf(rules), List.copyOf(findings));
  }
}
