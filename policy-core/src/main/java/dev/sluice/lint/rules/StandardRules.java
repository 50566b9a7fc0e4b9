package dev.sluice.lint.rules;

import dev.sluice.lint.Rule;
import java.util.List;

/**
 * The one registration list of Sluice's lint rules, kept sorted by id (a test checks it). Adding a
 * rule is one line here.
 */
public final class StandardRules {

  private static final List<Rule> ALL =
      List.of(
          // Keep sorted by rule id.
          new SuppressionWithoutReason(),
          new SuppressionOfUnknownRule(),
          new UnusedSuppression(),
          new MissingBase(),
          new ForwardRequestBuffersStream(),
          new BufferingAttributeNotBoolean(),
          new PolicyReadsWholeStream(),
          new ResponseCachedForStream(),
          new ResponseBodyReadByExpression(),
          new PolicyRewritesStream(),
          new RequestBodyLogged(),
          new BodyLoggingOfStream(),
          new StreamTimeouts(),
          new StreamOnConsumptionTier(),
          new TokenCountingWithoutUsage(),
          new RetryAroundStream(),
          new ConcurrencyHeldByStream(),
          new UnmarkedStream());

  private StandardRules() {}

  /** Every standard rule, sorted by id. */
  public static List<Rule> all() {
    return ALL;
  }
}
