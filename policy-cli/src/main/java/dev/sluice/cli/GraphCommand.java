package dev.sluice.cli;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.graph.PolicyGraph;
import dev.sluice.core.graph.PolicyGraphPrinter;
import dev.sluice.core.graph.Provenance;
import dev.sluice.xml.GatewayLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sluice graph PATH [--operation API/OP]}: prints the effective policy of operations. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Print the effective policy of operations as XML.",
    description = {
      "Prints the effective policy of one operation, or of every operation, as XML: <base/> and"
          + " fragments inlined, every element preceded by a comment naming the scope and file:line it"
          + " came from. Diagnostics go to standard error."
    },
    footer = {"", "Exit codes: 0 printed, 1 errors found, 2 usage error or unreadable input, 3 internal error."})
final class GraphCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand SluiceCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "An APIOps extract, a gateway descriptor, a policy file or a folder of them.")
  String path;

  @Option(
      names = "--operation",
      paramLabel = "API/OP",
      description = "Only this operation: the API id, a slash, the operation id.")
  String operation;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DisplayPaths display = new DisplayPaths(parent.workingDirectory());
    Path resolved = display.resolve(path);
    Optional<String> unreadable = Inputs.unreadable(List.of(resolved), display);
    if (unreadable.isPresent()) {
      err.println("sluice: " + unreadable.get());
      return ExitCode.USAGE;
    }

    Inputs.Loaded loaded = new Inputs(GatewayLoader.create()).load(resolved, false);
    List<Diagnostic> diagnostics = new ArrayList<>(loaded.diagnostics());
    List<PolicyGraph> graphs = new ArrayList<>();
    if (loaded.gateway().isPresent()) {
      LoadResult<List<PolicyGraph>> built = build(loaded.gateway().get(), display);
      diagnostics.addAll(built.diagnostics());
      built.value().ifPresent(graphs::addAll);
    }

    List<Diagnostic> shown = diagnostics.stream().distinct().map(display::display).sorted().toList();
    shown.forEach(d -> err.println(d.format()));
    err.flush();
    PolicyGraphPrinter printer = PolicyGraphPrinter.create();
    for (int i = 0; i < graphs.size(); i++) {
      if (i > 0) {
        out.println();
      }
      out.print(printer.print(withDisplayedFiles(graphs.get(i), display)));
    }
    out.flush();

    if (Inputs.hasUnreadableInput(shown)) {
      return ExitCode.USAGE;
    }
    return Inputs.hasErrors(shown) ? ExitCode.PROBLEMS : ExitCode.OK;
  }

  /** Every graph, or the one named by {@code --operation}; an unknown name is a usage error. */
  private LoadResult<List<PolicyGraph>> build(Gateway gateway, DisplayPaths display) {
    if (operation == null) {
      return PolicyGraph.buildAll(gateway);
    }
    int slash = operation.indexOf('/');
    if (slash <= 0 || slash == operation.length() - 1) {
      throw new ParameterException(
          spec.commandLine(), "--operation takes API/OP, such as chat-api/stream-completions: '" + operation + "'");
    }
    String apiId = operation.substring(0, slash);
    String operationId = operation.substring(slash + 1);
    if (gateway.operation(apiId, operationId).isEmpty()) {
      String known =
          gateway.operations().stream().map(o -> o.apiId() + "/" + o.id()).collect(Collectors.joining(", "));
      throw new ParameterException(
          spec.commandLine(),
          "no operation '" + operation + "' in " + display.display(gateway.source().file())
              + (known.isEmpty() ? "; it has no operations" : "; known: " + known));
    }
    LoadResult<PolicyGraph> graph = PolicyGraph.build(gateway, apiId, operationId);
    return new LoadResult<>(graph.value().map(List::of), graph.diagnostics());
  }

  /**
   * The graph with every provenance file name shown as the user would type it. The printer writes
   * provenance as given, and the loaders were handed absolute paths.
   */
  private static PolicyGraph withDisplayedFiles(PolicyGraph graph, DisplayPaths display) {
    Map<Section, List<GraphNode>> sections = new EnumMap<>(Section.class);
    for (Section section : Section.values()) {
      sections.put(section, graph.section(section).stream().map(n -> withDisplayedFiles(n, display)).toList());
    }
    return new PolicyGraph(
        graph.api(), graph.operation(), graph.product(), sections, graph.assumesDefaultGlobalPolicy());
  }

  private static GraphNode withDisplayedFiles(GraphNode node, DisplayPaths display) {
    Provenance provenance = node.provenance();
    SourcePosition position = provenance.position();
    SourcePosition shown = new SourcePosition(display.display(position.file()), position.line(), position.column());
    return new GraphNode(
        node.node(),
        node.children().stream().map(c -> withDisplayedFiles(c, display)).toList(),
        new Provenance(provenance.scope(), provenance.fragmentId(), shown, provenance.via()));
  }
}
