package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.Severity;
import dev.sluice.core.catalog.PolicyCatalog;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.lint.FailurePolicy;
import dev.sluice.lint.Finding;
import dev.sluice.lint.Fix;
import dev.sluice.lint.LintConfig;
import dev.sluice.lint.LintReport;
import dev.sluice.lint.Linter;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.RuleRegistry;
import dev.sluice.lint.TextEdit;
import dev.sluice.lint.ToolInfo;
import dev.sluice.lint.format.ReportFormat;
import dev.sluice.xml.GatewayLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice lint PATH...}: runs the lint rules over the effective policy of every operation and
 * reports findings in one of the report formats; {@code --fix} applies the safe fixes.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    header = "Lint policies: will an event stream be buffered? Reports for people and CI.",
    description = {
      "Loads policy files, folders, an APIOps extract or a gateway descriptor, runs the lint rules over"
          + " every file and over the effective policy of every operation, and reports the findings."
          + " Operations stream Server-Sent Events when the descriptor says streaming=\"sse\", their"
          + " OpenAPI responses are text/event-stream, a <!-- sluice:sse --> comment marks the file,"
          + " or --sse matches them.",
      "",
      "Without --config, the rules are configured by the sluice-lint.json of a PATH folder, else by"
          + " the one in the working directory, if any."
    },
    footer = {
      "",
      "Exit codes: 0 no finding over the threshold, 1 findings over the threshold (--fail-on,"
          + " --max-warnings), 2 usage error or unreadable input, 3 internal error."
    })
final class LintCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand SluiceCommand parent;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "A policy file, a folder, an APIOps extract or a gateway descriptor.")
  List<String> paths;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json, sarif, junit or checkstyle (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE; standard output then gets only the summary line.")
  String output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description = "Exit 1 when a finding is at least this severe: error, warning or info"
          + " (default: ${DEFAULT-VALUE}).")
  String failOn;

  @Option(
      names = "--max-warnings",
      paramLabel = "N",
      description = "Exit 1 when there are more than N warnings.")
  Integer maxWarnings;

  @Option(
      names = "--disable",
      paramLabel = "ID",
      split = ",",
      description = "Turn these rules off (comma-separated or repeated).")
  List<String> disable = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Rule levels, as { \"rules\": { \"SSE004\": \"warning\", \"SSE007\": \"off\" } }.")
  String config;

  @Option(
      names = "--sse",
      paramLabel = "OPERATION-GLOB",
      split = ",",
      description = "Also treat operations whose API/OPERATION id matches as Server-Sent Events"
          + " streams (* within a segment, ** across, ?; comma-separated or repeated).")
  List<String> sse = new ArrayList<>();

  @Option(
      names = "--fix",
      description = "Apply the safe fixes in place (buffer-response=\"false\" where a stream is"
          + " buffered), keeping every other byte, then report what remains.")
  boolean fix;

  @Option(
      names = "--dry-run",
      description = "With --fix: print the fixes as a unified diff and change nothing.")
  boolean dryRun;

  /** One PATH linted: the gateway as linted (SSE marks applied) and its graphs, when it loaded. */
  private record Linted(Optional<Gateway> gateway, List<PolicyGraph> graphs, LintReport report) {
    Linted {
      requireNonNull(gateway, "gateway");
      graphs = List.copyOf(graphs);
      requireNonNull(report, "report");
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReportFormat reportFormat =
        ReportFormat.fromName(format)
            .orElseThrow(() -> usage("--format must be text, json, sarif, junit or checkstyle: '" + format + "'"));
    Severity threshold =
        FailurePolicy.parseFailOn(failOn)
            .orElseThrow(() -> usage("--fail-on must be error, warning or info: '" + failOn + "'"));
    if (maxWarnings != null && maxWarnings < 0) {
      throw usage("--max-warnings must be 0 or more: " + maxWarnings);
    }
    if (dryRun && !fix) {
      throw usage("--dry-run needs --fix");
    }
    FailurePolicy failure =
        new FailurePolicy(
            threshold, maxWarnings == null ? OptionalInt.empty() : OptionalInt.of(maxWarnings));
    RuleRegistry registry = RuleRegistry.standard();
    for (String id : disable) {
      if (registry.find(id.strip()).isEmpty()) {
        throw usage(
            "--disable: no rule '" + id + "'; rules: "
                + registry.infos().stream().map(RuleInfo::id).collect(Collectors.joining(", ")));
      }
    }
    List<OperationGlob> globs =
        sse.stream().map(String::strip).filter(s -> !s.isEmpty()).map(OperationGlob::of).toList();

    DisplayPaths display = new DisplayPaths(parent.workingDirectory());
    List<Path> resolved = paths.stream().map(display::resolve).toList();
    List<Path> configFiles = new ArrayList<>();
    if (config != null) {
      configFiles.add(display.resolve(config));
    }
    List<Path> checked = new ArrayList<>(resolved);
    checked.addAll(configFiles);
    Optional<String> unreadable = Inputs.unreadable(checked, display);
    if (unreadable.isPresent()) {
      err.println("sluice: " + unreadable.get());
      return ExitCode.USAGE;
    }

    List<LintConfig> configs = new ArrayList<>();
    Optional<Path> shared =
        configFiles.isEmpty()
            ? Optional.of(parent.workingDirectory().resolve(LintConfig.FILE_NAME)).filter(Files::isRegularFile)
            : Optional.of(configFiles.get(0));
    for (Path path : resolved) {
      Optional<Path> file =
          configFiles.isEmpty()
              ? Optional.of(path.resolve(LintConfig.FILE_NAME)).filter(Files::isRegularFile).or(() -> shared)
              : shared;
      if (file.isEmpty()) {
        configs.add(LintConfig.defaults().disable(stripped(disable)));
        continue;
      }
      LoadResult<LintConfig> read = LintConfig.read(file.get(), registry);
      read.diagnostics().stream().map(display::display).sorted().forEach(d -> err.println(d.format()));
      if (read.value().isEmpty() || read.diagnostics().stream().anyMatch(Diagnostic::isError)) {
        err.println("sluice: invalid lint configuration " + display.display(file.get()));
        return ExitCode.USAGE;
      }
      configs.add(read.value().get().disable(stripped(disable)));
    }

    List<Linted> linted = lintAll(resolved, configs, globs);
    for (OperationGlob glob : globs) {
      boolean used =
          linted.stream()
              .flatMap(l -> l.gateway().stream())
              .flatMap(g -> g.operations().stream())
              .anyMatch(glob::matches);
      if (!used) {
        err.println("sluice: warning: --sse '" + glob.glob() + "' matches no operation");
      }
    }

    if (fix) {
      Optional<Integer> failed = fix(linted, display, out, err);
      if (failed.isPresent()) {
        return failed.get();
      }
      if (!dryRun) {
        linted = lintAll(resolved, configs, globs);
      }
    }

    LintReport report = merge(linted).relativeTo(parent.workingDirectory());
    String formatted = reportFormat.format(report);
    String text = reportFormat == ReportFormat.TEXT ? formatted : ReportFormat.TEXT.format(report);
    String summary = lastLine(text);
    if (output != null) {
      Path target = display.resolve(output);
      try {
        if (target.getParent() != null) {
          Files.createDirectories(target.getParent());
        }
        Files.writeString(target, formatted, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("sluice: cannot write " + display.display(target) + ": " + e.getMessage());
        return ExitCode.USAGE;
      }
      if (!dryRun) {
        out.println(summary + "; report written to " + display.display(target));
      }
    } else if (!dryRun) {
      out.print(formatted);
    }
    out.flush();

    if (report.findings().stream().anyMatch(f -> f.ruleId().equals(DiagnosticCode.IO_ERROR.name()))) {
      err.flush();
      return ExitCode.USAGE;
    }
    Optional<String> why = failure.failure(report);
    if (why.isPresent()) {
      err.println("sluice: lint failed: " + why.get());
      err.flush();
      return ExitCode.PROBLEMS;
    }
    err.flush();
    return ExitCode.OK;
  }

  /**
   * Plans the safe fixes and applies them (or, with {@code --dry-run}, prints them as a diff);
   * returns an exit code when a file cannot be written.
   */
  private Optional<Integer> fix(
      List<Linted> linted, DisplayPaths display, PrintWriter out, PrintWriter err) {
    StreamFixes planner = new StreamFixes(PolicyCatalog.standard());
    for (Linted one : linted) {
      one.gateway().ifPresent(gateway -> planner.plan(gateway, one.graphs(), one.report()));
    }
    StreamFixes.Plan plan = planner.result();
    int changed = 0;
    for (Map.Entry<String, List<TextEdit>> file : plan.editsByFile().entrySet()) {
      Path path = Path.of(file.getKey());
      String shown = display.display(path).replace('\\', '/');
      try {
        String before = Files.readString(path, StandardCharsets.UTF_8);
        String after = SourceEdits.apply(before, file.getValue());
        if (dryRun) {
          out.print(SourceEdits.unifiedDiff(shown, before, after));
        } else {
          Files.writeString(path, after, StandardCharsets.UTF_8);
        }
        changed++;
      } catch (IOException e) {
        err.println("sluice: cannot fix " + shown + ": " + e.getMessage());
        return Optional.of(ExitCode.USAGE);
      }
    }
    String verb = dryRun ? "would fix" : "fixed";
    for (Fix one : plan.fixes()) {
      err.println("sluice: " + verb + ": " + shownDescription(one, display));
    }
    for (String skipped : plan.notFixed()) {
      err.println("sluice: not fixed: " + displayedLead(skipped, display));
    }
    err.println(
        "sluice: " + verb + " " + count(plan.fixes().size(), "finding") + " in "
            + count(changed, "file"));
    return Optional.empty();
  }

  private static String shownDescription(Fix fix, DisplayPaths display) {
    return displayedLead(fix.description(), display);
  }

  /** A message led by {@code file:line:col}, with the file shown as the user would type it. */
  private static String displayedLead(String message, DisplayPaths display) {
    int colon = message.indexOf(": ");
    if (colon < 0) {
      return message;
    }
    String lead = message.substring(0, colon);
    int lineColon = lead.lastIndexOf(':', lead.lastIndexOf(':') - 1);
    if (lineColon <= 0 || !lead.substring(lineColon + 1).matches("\\d+:\\d+")) {
      return message;
    }
    return display.display(lead.substring(0, lineColon)) + lead.substring(lineColon)
        + message.substring(colon);
  }

  private List<Linted> lintAll(List<Path> resolved, List<LintConfig> configs, List<OperationGlob> globs) {
    GatewayLoader loader = GatewayLoader.create();
    List<Linted> all = new ArrayList<>();
    for (int i = 0; i < resolved.size(); i++) {
      all.add(lint(loader, resolved.get(i), configs.get(i), globs));
    }
    return all;
  }

  private static Linted lint(
      GatewayLoader loader, Path path, LintConfig config, List<OperationGlob> globs) {
    Linter linter = Linter.builder().config(config).build();
    LoadResult<Gateway> loaded = loader.load(path);
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
    if (loaded.value().isEmpty()) {
      return new Linted(Optional.empty(), List.of(), linter.lint(List.of(), diagnostics));
    }
    Gateway gateway = OperationGlob.markStreaming(loaded.value().get(), globs);
    List<PolicyDocument> documents = new ArrayList<>();
    gateway.scopedDocuments().forEach(scoped -> documents.add(scoped.document()));
    documents.addAll(gateway.fragments().values());
    LoadResult<List<PolicyGraph>> graphs = PolicyGraph.buildAll(gateway);
    diagnostics.addAll(graphs.diagnostics());
    List<PolicyGraph> built = graphs.value().orElse(List.of());
    LintReport report = linter.lint(documents, built, diagnostics.stream().distinct().toList());
    return new Linted(Optional.of(gateway), built, report);
  }

  /** One report over every PATH: files, rules and findings united, duplicates once. */
  private static LintReport merge(List<Linted> linted) {
    Set<String> files = new LinkedHashSet<>();
    Set<RuleInfo> rules = new LinkedHashSet<>();
    Set<Finding> findings = new LinkedHashSet<>();
    for (Linted one : linted) {
      files.addAll(one.report().files());
      rules.addAll(one.report().rules());
      findings.addAll(one.report().findings());
    }
    return new LintReport(ToolInfo.current(), List.copyOf(files), List.copyOf(rules), List.copyOf(findings));
  }

  private static List<String> stripped(List<String> ids) {
    return ids.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static String lastLine(String text) {
    String trimmed = text.stripTrailing();
    return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
