package dev.sluice.lint.rules;

import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Severity;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.SuppressionComment;

/**
 * SLU002: a {@code sluice-disable} comment must name existing rules; a misspelt id suppresses
 * nothing while looking as if it did.
 */
final class SuppressionOfUnknownRule extends Rule {

  SuppressionOfUnknownRule() {
    super(RuleInfo.of("SLU002", "A sluice-disable comment names no existing rule", Severity.WARNING,
        "suppression"));
  }

  @Override
  public void checkDocument(PolicyDocument document, RuleContext context) {
    for (PolicyNode node : nodes(document)) {
      for (SuppressionComment suppression : SuppressionComment.parseAll(node.comments())) {
        if (suppression.ruleIds().isEmpty()) {
          context.report(
              node,
              suppression.position(),
              "sluice-disable names no rule; write <!-- sluice-disable SSE001: reason -->",
              FindingDetails.none());
        }
        for (String id : suppression.ruleIds()) {
          if (!context.isKnownRule(id)) {
            context.report(
                node,
                suppression.position(),
                "sluice-disable names " + id + ", which is not a Sluice rule; it suppresses nothing",
                FindingDetails.none());
          }
        }
      }
    }
  }
}
