package dev.sluice.lint;

import com.google.common.collect.ImmutableSortedMap;
import dev.sluice.lint.rules.StandardRules;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rules a linter can run, by id. Immutable and thread-safe. {@link #standard()} holds every
 * Sluice rule, registered in one sorted list ({@code StandardRules}).
 */
public final class RuleRegistry {

  private static final RuleRegistry STANDARD = of(StandardRules.all());

  private final ImmutableSortedMap<String, Rule> byId;

  private RuleRegistry(ImmutableSortedMap<String, Rule> byId) {
    this.byId = byId;
  }

  public static RuleRegistry standard() {
    return STANDARD;
  }

  /**
   * A registry of exactly these rules (for tests and extensions).
   *
   * @throws IllegalArgumentException if two rules share an id
   */
  public static RuleRegistry of(Collection<? extends Rule> rules) {
    ImmutableSortedMap.Builder<String, Rule> builder = ImmutableSortedMap.naturalOrder();
    for (Rule rule : rules) {
      builder.put(rule.id(), rule);
    }
    return new RuleRegistry(builder.buildOrThrow());
  }

  /** Every rule, sorted by id. */
  public List<Rule> rules() {
    return List.copyOf(byId.values());
  }

  /** Every rule's metadata, sorted by id. */
  public List<RuleInfo> infos() {
    return byId.values().stream().map(Rule::info).toList();
  }

  public Optional<Rule> find(String ruleId) {
    return Optional.ofNullable(byId.get(ruleId));
  }
}
