package dev.sluice.core.graph;

import dev.sluice.core.Diagnostic;
import dev.sluice.core.DiagnosticCode;
import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Scope;
import dev.sluice.core.Section;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds {@link PolicyGraph}s; one instance per graph, not shared. */
final class GraphBuilder {
  private static final String BASE = "base";
  private static final String INCLUDE_FRAGMENT = "include-fragment";
  private static final String FRAGMENT_ID = "fragment-id";

  /** One scope of the chain and its document; the global level always has one (maybe the default). */
  private record Level(Scope scope, Optional<PolicyDocument> document) {}

  /** Where nodes being resolved come from. */
  private record Origin(
      int level, Section section, Optional<String> fragmentId, List<Inclusion> via, boolean sectionTop) {
    Origin nested() {
      return new Origin(level, section, fragmentId, via, false);
    }
  }

  private final Gateway gateway;
  private final List<Level> chain;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Deque<String> fragmentStack = new ArrayDeque<>();

  private GraphBuilder(Gateway gateway, List<Level> chain) {
    this.gateway = gateway;
    this.chain = chain;
  }

  static LoadResult<PolicyGraph> build(
      Gateway gateway, String apiId, String operationId, Optional<String> productId) {
    Optional<Gateway.Api> api = gateway.api(apiId);
    if (api.isEmpty()) {
      return unknown(gateway, "no API '" + apiId + "' in the gateway; APIs: " + ids(gateway.apis().stream().map(Gateway.Api::id).toList()));
    }
    Optional<Gateway.Operation> operation = api.get().operation(operationId);
    if (operation.isEmpty()) {
      return unknown(
          gateway,
          "no operation '" + operationId + "' in API '" + apiId + "'; operations: "
              + ids(api.get().operations().stream().map(Gateway.Operation::id).toList()));
    }
    Optional<Gateway.Product> product;
    if (productId.isPresent()) {
      product = gateway.product(productId.get());
      if (product.isEmpty()) {
        return unknown(gateway, "no product '" + productId.get() + "' in the gateway");
      }
      if (!product.get().apiIds().contains(apiId)) {
        return unknown(gateway, "product '" + productId.get() + "' does not include API '" + apiId + "'");
      }
    } else {
      product = gateway.productsOf(apiId).stream().findFirst();
    }
    return build(gateway, api.get(), operation.get(), product);
  }

  static LoadResult<List<PolicyGraph>> buildAll(Gateway gateway) {
    List<PolicyGraph> graphs = new ArrayList<>();
    Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    for (Gateway.Api api : gateway.apis()) {
      List<Gateway.Product> products = gateway.productsOf(api.id());
      for (Gateway.Operation operation : api.operations()) {
        List<Optional<Gateway.Product>> choices =
            products.isEmpty() ? List.of(Optional.empty()) : products.stream().map(Optional::of).toList();
        for (Optional<Gateway.Product> product : choices) {
          LoadResult<PolicyGraph> result = build(gateway, api, operation, product);
          result.value().ifPresent(graphs::add);
          diagnostics.addAll(result.diagnostics());
        }
      }
    }
    return LoadResult.of(graphs, diagnostics.stream().sorted().toList());
  }

  private static LoadResult<PolicyGraph> build(
      Gateway gateway, Gateway.Api api, Gateway.Operation operation, Optional<Gateway.Product> product) {
    boolean assumeDefault = gateway.globalPolicy().isEmpty();
    List<Level> chain = new ArrayList<>();
    chain.add(
        new Level(Scope.GLOBAL, Optional.of(gateway.globalPolicy().orElse(PolicyGraph.DEFAULT_GLOBAL_POLICY))));
    product.ifPresent(p -> chain.add(new Level(p.scope(), p.policy())));
    chain.add(new Level(api.scope(), api.policy()));
    chain.add(new Level(operation.scope(), operation.policy()));
    GraphBuilder builder = new GraphBuilder(gateway, List.copyOf(chain));
    Map<Section, List<GraphNode>> sections = new EnumMap<>(Section.class);
    for (Section section : Section.values()) {
      sections.put(section, builder.expand(chain.size() - 1, section, List.of()));
    }
    PolicyGraph graph = new PolicyGraph(api, operation, product, sections, assumeDefault);
    return LoadResult.of(graph, builder.diagnostics.stream().distinct().toList());
  }

  /** The effective policies of {@code section} at chain level {@code level}. */
  private List<GraphNode> expand(int level, Section section, List<Inclusion> via) {
    Level current = chain.get(level);
    if (current.document().isEmpty()) {
      Level parent = chain.get(level - 1); // the global level always has a document
      Inclusion step =
          new Inclusion(Inclusion.Kind.IMPLICIT_BASE, current.scope(), parent.scope().toString(), Optional.empty());
      return expand(level - 1, section, append(via, step));
    }
    PolicyDocument document = current.document().get();
    Optional<PolicyNode> sectionNode = document.section(section);
    if (sectionNode.isEmpty()) {
      if (level > 0) {
        diagnostics.add(
            Diagnostic.of(
                DiagnosticCode.MISSING_SECTION,
                document.root().position(),
                "<" + section.xmlName() + "> is missing, so the " + section.xmlName()
                    + " policies of " + chain.get(level - 1).scope()
                    + " do not run here, as with an empty section; add <" + section.xmlName()
                    + "><base /></" + section.xmlName() + "> to inherit them"));
      }
      return List.of();
    }
    return resolve(sectionNode.get().children(), new Origin(level, section, Optional.empty(), via, true));
  }

  private List<GraphNode> resolve(List<PolicyNode> nodes, Origin origin) {
    List<GraphNode> out = new ArrayList<>();
    Scope scope = chain.get(origin.level()).scope();
    for (PolicyNode node : nodes) {
      if (origin.sectionTop() && node.name().equals(BASE)) {
        if (origin.level() == 0) {
          diagnostics.add(
              Diagnostic.of(
                  DiagnosticCode.BASE_AT_GLOBAL_SCOPE,
                  node.position(),
                  "<base /> in the global policy has no parent scope to inherit from; remove it"));
        } else {
          Scope parent = chain.get(origin.level() - 1).scope();
          Inclusion step =
              new Inclusion(Inclusion.Kind.BASE, scope, parent.toString(), Optional.of(node.position()));
          out.addAll(expand(origin.level() - 1, origin.section(), append(origin.via(), step)));
        }
      } else if (node.name().equals(INCLUDE_FRAGMENT) && node.attributeText(FRAGMENT_ID).isPresent()) {
        out.addAll(include(node, node.attributeText(FRAGMENT_ID).get(), scope, origin));
      } else {
        out.add(new GraphNode(node, resolve(node.children(), origin.nested()), provenance(scope, node, origin)));
      }
    }
    return out;
  }

  private List<GraphNode> include(PolicyNode include, String fragmentId, Scope scope, Origin origin) {
    if (fragmentStack.contains(fragmentId)) {
      List<String> cycle = new ArrayList<>(fragmentStack);
      java.util.Collections.reverse(cycle); // the deque holds the innermost first
      cycle.add(fragmentId);
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.INCLUDE_CYCLE,
              include.position(),
              "fragment '" + fragmentId + "' includes itself: " + String.join(" -> ", cycle)
                  + "; remove one of these include-fragment policies"));
      return List.of(new GraphNode(include, List.of(), provenance(scope, include, origin)));
    }
    Optional<PolicyDocument> fragment = gateway.fragment(fragmentId);
    if (fragment.isEmpty()) {
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.MISSING_FRAGMENT,
              include.attribute(FRAGMENT_ID).get().position(),
              "no policy fragment '" + fragmentId + "'; fragments: "
                  + ids(List.copyOf(gateway.fragments().keySet()))));
      return List.of(new GraphNode(include, List.of(), provenance(scope, include, origin)));
    }
    Inclusion step =
        new Inclusion(Inclusion.Kind.FRAGMENT, scope, fragmentId, Optional.of(include.position()));
    Origin inFragment =
        new Origin(origin.level(), origin.section(), Optional.of(fragmentId), append(origin.via(), step), false);
    fragmentStack.push(fragmentId);
    try {
      return resolve(fragment.get().root().children(), inFragment);
    } finally {
      fragmentStack.pop();
    }
  }

  private static Provenance provenance(Scope scope, PolicyNode node, Origin origin) {
    return new Provenance(scope, origin.fragmentId(), node.position(), origin.via());
  }

  private static List<Inclusion> append(List<Inclusion> via, Inclusion step) {
    List<Inclusion> longer = new ArrayList<>(via);
    longer.add(step);
    return List.copyOf(longer);
  }

  private static <T> LoadResult<T> unknown(Gateway gateway, String message) {
    return LoadResult.failed(List.of(Diagnostic.of(DiagnosticCode.UNKNOWN_REFERENCE, gateway.source(), message)));
  }

  private static String ids(List<String> ids) {
    return ids.isEmpty() ? "none" : ids.stream().collect(Collectors.joining(", "));
  }
}
