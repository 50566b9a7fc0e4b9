package dev.sluice.core.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.sluice.core.Gateway;
import dev.sluice.core.LoadResult;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Scope;
import dev.sluice.core.Section;
import dev.sluice.core.SourcePosition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective policy of one operation: for each {@link Section}, the policies that run, in order,
 * after every {@code <base/>} has been replaced by the same section of the parent scope and every
 * {@code include-fragment} by the fragment's policies. Each node keeps its {@link Provenance}.
 *
 * <h2>How the graph is built (APIM semantics, and the choices where APIM's docs are silent)</h2>
 *
 * <ul>
 *   <li>Scopes run global → product → API → operation. {@code <base/>} in a section of one scope
 *       stands for the same section of the next wider scope that is present.
 *   <li>An API in several products: APIM applies the policy of the product the caller's
 *       subscription belongs to, so a graph is built for one product. {@link #build(Gateway, String,
 *       String, Optional)} takes it; without one, the first product (in declaration order) that
 *       includes the API is used, and {@link #buildAll(Gateway)} builds one graph per product. An API
 *       in no product goes straight from API to global.
 *   <li>A scope without a policy document inherits its parent unchanged, as if each of its sections
 *       held only {@code <base/>} (what APIM does for a scope with no policy).
 *   <li>A present document that lacks a section: the effective policy is computed by replacing
 *       {@code <base/>}, and an absent section has none, so the parent's policies of that section do
 *       not run, exactly as for an empty section. This is reported as a {@code MISSING_SECTION}
 *       warning on non-global scopes, since it usually drops the inherited {@code forward-request}
 *       or error handling by accident.
 *   <li>No global policy document: APIM's default global policy is assumed ({@link
 *       #DEFAULT_GLOBAL_POLICY}, whose backend is a plain {@code <forward-request/>}), and {@link
 *       #assumesDefaultGlobalPolicy()} says so.
 *   <li>{@code include-fragment} is inlined wherever it stands, nested policies included (bodies of
 *       {@code when}, {@code otherwise}, {@code retry}, ...), and inside fragments. A missing
 *       fragment ({@code MISSING_FRAGMENT}) or a cycle ({@code INCLUDE_CYCLE}) leaves the
 *       {@code include-fragment} node in place.
 *   <li>{@code <base/>} in the global scope has no parent: it is dropped and reported
 *       ({@code BASE_AT_GLOBAL_SCOPE}). {@code <base/>} anywhere but directly in a section is kept as
 *       written (the catalog validator reports it).
 * </ul>
 *
 * <p>Immutable and thread-safe. Building never throws for bad configuration: problems are
 * diagnostics in the returned {@link LoadResult}; an unknown API, operation or product id gives a
 * result without a value and an {@code UNKNOWN_REFERENCE} diagnostic.
 *
 * @param api the operation's API
 * @param operation the operation
 * @param product the product whose policy applies, if the API is in a product
 * @param sections the effective policies of each section, every section present
 * @param assumesDefaultGlobalPolicy whether the gateway had no global policy and APIM's default was
 *     used in its place
 */
public record PolicyGraph(
    Gateway.Api api,
    Gateway.Operation operation,
    Optional<Gateway.Product> product,
    Map<Section, List<GraphNode>> sections,
    boolean assumesDefaultGlobalPolicy) {

  /** The file name positions in {@link #DEFAULT_GLOBAL_POLICY} carry. */
  public static final String DEFAULT_GLOBAL_POLICY_FILE = "apim:default-global-policy";

  /** The policy APIM runs at global scope when none is configured, as XML. */
  public static final String DEFAULT_GLOBAL_POLICY_XML =
      """
      <policies>
        <inbound />
        <backend>
          <forward-request />
        </backend>
        <outbound />
        <on-error />
      </policies>
      """;

  /**
   * {@link #DEFAULT_GLOBAL_POLICY_XML} as a document; positions are true to that text, in the file
   * {@link #DEFAULT_GLOBAL_POLICY_FILE}.
   */
  public static final PolicyDocument DEFAULT_GLOBAL_POLICY = defaultGlobalPolicy();

  public PolicyGraph {
    requireNonNull(api, "api");
    requireNonNull(operation, "operation");
    requireNonNull(product, "product");
    checkArgument(operation.apiId().equals(api.id()), "operation %s is not in API %s", operation.id(), api.id());
    EnumMap<Section, List<GraphNode>> copy = new EnumMap<>(Section.class);
    for (Section section : Section.values()) {
      List<GraphNode> nodes = sections.get(section);
      checkArgument(nodes != null, "section %s missing", section);
      copy.put(section, List.copyOf(nodes));
    }
    sections = Collections.unmodifiableMap(copy);
  }

  /**
   * The effective policy of an operation, for the first product that includes its API (if any).
   */
  public static LoadResult<PolicyGraph> build(Gateway gateway, String apiId, String operationId) {
    return build(gateway, apiId, operationId, Optional.empty());
  }

  /**
   * The effective policy of an operation called through a subscription to {@code productId} (or,
   * when empty, the first product that includes the API, if any).
   */
  public static LoadResult<PolicyGraph> build(
      Gateway gateway, String apiId, String operationId, Optional<String> productId) {
    return GraphBuilder.build(gateway, apiId, operationId, productId);
  }

  /**
   * The graph of every operation, one per product that includes its API (one without product when
   * the API is in none), in declaration order. Diagnostics are merged, duplicates removed, sorted.
   */
  public static LoadResult<List<PolicyGraph>> buildAll(Gateway gateway) {
    return GraphBuilder.buildAll(gateway);
  }

  /** The effective policies of a section, in execution order. */
  public List<GraphNode> section(Section section) {
    return sections.get(section);
  }

  /** The operation's scope. */
  public Scope scope() {
    return operation.scope();
  }

  /** Every node of every section, depth first (a node before its children), sections in order. */
  public List<GraphNode> allNodes() {
    List<GraphNode> all = new ArrayList<>();
    for (Section section : Section.values()) {
      collect(sections.get(section), all);
    }
    return List.copyOf(all);
  }

  private static void collect(List<GraphNode> nodes, List<GraphNode> into) {
    for (GraphNode node : nodes) {
      into.add(node);
      collect(node.children(), into);
    }
  }

  private static PolicyDocument defaultGlobalPolicy() {
    String file = DEFAULT_GLOBAL_POLICY_FILE;
    PolicyNode forward = PolicyNode.of("forward-request", List.of(), List.of(), SourcePosition.of(file, 4, 5));
    PolicyNode root =
        PolicyNode.of(
            "policies",
            List.of(),
            List.of(
                PolicyNode.of("inbound", List.of(), List.of(), SourcePosition.of(file, 2, 3)),
                PolicyNode.of("backend", List.of(), List.of(forward), SourcePosition.of(file, 3, 3)),
                PolicyNode.of("outbound", List.of(), List.of(), SourcePosition.of(file, 6, 3)),
                PolicyNode.of("on-error", List.of(), List.of(), SourcePosition.of(file, 7, 3))),
            SourcePosition.of(file, 1, 1));
    return new PolicyDocument(file, PolicyDocument.Kind.POLICY, root);
  }
}
