package dev.sluice.core.catalog;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The catalog: one {@link PolicyDescriptor} per policy Sluice knows, looked up by element name.
 *
 * <p>Immutable and thread-safe. {@link #standard()} holds every APIM policy Sluice describes; the
 * registry below is the one place a new policy is added (one line, kept sorted).
 */
public final class PolicyCatalog {

  private static final PolicyCatalog STANDARD =
      new PolicyCatalog(
          List.of(
              // Keep sorted by policy name.
              FlowPolicies.BASE,
              FlowPolicies.CHOOSE,
              RoutingPolicies.FORWARD_REQUEST,
              FlowPolicies.INCLUDE_FRAGMENT,
              TransformationPolicies.SET_BODY,
              TransformationPolicies.SET_HEADER));

  private final ImmutableSortedMap<String, PolicyDescriptor> byName;

  private PolicyCatalog(List<PolicyDescriptor> descriptors) {
    ImmutableSortedMap.Builder<String, PolicyDescriptor> builder = ImmutableSortedMap.naturalOrder();
    for (PolicyDescriptor descriptor : descriptors) {
      builder.put(descriptor.name(), descriptor);
    }
    this.byName = builder.buildOrThrow();
  }

  /** The catalog of every policy Sluice describes. */
  public static PolicyCatalog standard() {
    return STANDARD;
  }

  /** A catalog of exactly these descriptors (for tests and extensions). */
  public static PolicyCatalog of(Collection<PolicyDescriptor> descriptors) {
    return new PolicyCatalog(List.copyOf(descriptors));
  }

  public Optional<PolicyDescriptor> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every descriptor, sorted by name. */
  public List<PolicyDescriptor> all() {
    return List.copyOf(byName.values());
  }
}
