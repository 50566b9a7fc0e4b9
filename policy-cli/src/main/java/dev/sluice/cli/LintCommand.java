package dev.sluice.cli;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Severity;
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
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice lint PATH...}: loads policies like {@code check}, runs the lint rules over every
 * file and every operation's effective policy, and writes the report in the chosen format. The exit
 * code follows {@code --fail-on} and {@code --max-warnings}; formats never decide it.
 */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Lint policies: above all, find what would buffer a Server-Sent Events stream.",
    description = {
      "Loads policy files, folders of them, an APIOps extract or a gateway descriptor, runs the lint"
          + " rules (docs/rules) over every file and the effective policy of every operation, and"
          + " writes the findings as text, json, sarif, junit or checkstyle. Problems found while"
          + " loading are findings too, under their codes. Operations stream when the descriptor or"
          + " API specification says so, or a lone file starts with <!-- sluice:sse -->."
    },
    footer = {
      "",
      "Exit codes: 0 passed, 1 findings at or above --fail-on (or over --max-warnings),"
          + " 2 usage error, unreadable input or invalid configuration, 3 internal error."
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
      description = "text (default), json, sarif, junit or checkstyle.")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  Optional<String> output;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Rule levels; default: " + LintConfig.FILE_NAME + " in the working directory, if any.")
  Optional<String> config;

  @Option(
      names = "--disable",
      paramLabel = "ID",
      split = ",",
      description = "Turn these rules off (comma-separated), on top of the configuration.")
  List<String> disabled = new ArrayList<>();

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "error",
      description = "Fail when a finding is at least this serious: error (default), warning or info.")
  String failOn;

  @Option(
      names = "--max-warnings",
      paramLabel = "N",
      description = "Also fail when there are more than N warnings.")
  Integer maxWarnings;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    DisplayPaths display = new DisplayPaths(parent.workingDirectory());
    ReportFormat reportFormat =
        ReportFormat.fromName(format).orElseThrow(() -> usage("unknown --format " + format
            + "; use text, json, sarif, junit or checkstyle"));
    Severity threshold =
        FailurePolicy.parseFailOn(failOn).orElseThrow(() -> usage("unknown --fail-on " + failOn
            + "; use error, warning or info"));
    if (maxWarnings != null && maxWarnings < 0) {
      throw usage("--max-warnings must be 0 or more");
    }
    FailurePolicy policy =
        new FailurePolicy(
            threshold, maxWarnings == null ? OptionalInt.empty() : OptionalInt.of(maxWarnings));

    RuleRegistry registry = RuleRegistry.standard();
    for (String id : disabled) {
      if (registry.find(id.strip()).isEmpty()) {
        throw usage("--disable " + id + ": no such rule (see docs/rules/README.md)");
      }
    }
    Optional<LintConfig> loadedConfig = readConfig(registry, display, err);
    if (loadedConfig.isEmpty()) {
      return ExitCode.USAGE;
    }
    LintConfig lintConfig =
        loadedConfig.get().disable(disabled.stream().map(String::strip).toList());

    List<Path> resolved = paths.stream().map(display::resolve).toList();
    Optional<String> unreadable = Inputs.unreadable(resolved, display);
    if (unreadable.isPresent()) {
      err.println("sluice: " + unreadable.get());
      return ExitCode.USAGE;
    }

    Linter linter = Linter.builder().registry(registry).config(lintConfig).build();
    Inputs inputs = new Inputs(GatewayLoader.create());
    Set<String> files = new LinkedHashSet<>();
    Set<Finding> findings = new LinkedHashSet<>();
    List<RuleInfo> rules = new ArrayList<>();
    List<Diagnostic> loadDiagnostics = new ArrayList<>();
    for (Path path : resolved) {
      Inputs.Loaded loaded = inputs.load(path, false);
      files.addAll(loaded.files());
      loadDiagnostics.addAll(loaded.diagnostics());
      loaded.diagnostics().forEach(d -> findings.add(Finding.of(d)));
      if (loaded.gateway().isPresent()) {
        LintReport report = linter.lint(loaded.gateway().get());
        rules.addAll(report.rules());
        findings.addAll(report.findings());
      }
    }
    if (rules.isEmpty()) {
      rules.addAll(linter.lint(List.of()).rules());
    }
    LintReport report =
        new LintReport(ToolInfo.current(), List.copyOf(files), rules, List.copyOf(findings))
            .relativeTo(parent.workingDirectory());

    write(reportFormat.format(report), display);
    if (Inputs.hasUnreadableInput(loadDiagnostics)) {
      return ExitCode.USAGE;
    }
    Optional<String> failure = policy.failure(report);
    failure.ifPresent(reason -> err.println("sluice: lint failed: " + reason));
    err.flush();
    return failure.isPresent() ? ExitCode.PROBLEMS : ExitCode.OK;
  }

  /** The configuration, or empty after printing why it cannot be used. */
  private Optional<LintConfig> readConfig(
      RuleRegistry registry, DisplayPaths display, PrintWriter err) {
    Path file;
    if (config.isPresent()) {
      file = display.resolve(config.get());
    } else {
      file = parent.workingDirectory().resolve(LintConfig.FILE_NAME);
      if (!Files.isRegularFile(file)) {
        return Optional.of(LintConfig.defaults());
      }
    }
    LoadResult<LintConfig> loaded = LintConfig.read(file, registry);
    loaded.diagnostics().stream().map(display::display).sorted()
        .forEach(d -> err.println(d.format()));
    if (loaded.hasErrors()) {
      return Optional.empty();
    }
    return loaded.value();
  }

  private void write(String text, DisplayPaths display) throws IOException {
    if (output.isEmpty()) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(text);
      out.flush();
      return;
    }
    Path file = display.resolve(output.get());
    Path directory = file.getParent();
    if (directory != null) {
      Files.createDirectories(directory);
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
