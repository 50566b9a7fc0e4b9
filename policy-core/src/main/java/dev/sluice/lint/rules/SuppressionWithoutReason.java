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
 * SLU001: a {@code sluice-disable} comment must say why. The suppression still applies; this
 * finding makes the missing reason visible (and fails {@code --fail-on warning}).
 */
final class SuppressionWithoutReason extends Rule {

  SuppressionWithoutReason() {
    super(RuleInfo.of("SLU001", "A sluice-disable comment gives no reason", Severity.WARNING,
        "suppression"));
  }

  @Override
  public void checkDocument(PolicyDocument document, RuleContext context) {
    for (PolicyNode node : nodes(document)) {
      for (SuppressionComment suppression : SuppressionComment.parseAll(node.comments())) {
        if (suppression.reason().isEmpty()) {
          String ids = suppression.ruleIds().isEmpty() ? "ID" : String.join(", ", suppression.ruleIds());
          context.report(
              node,
              suppression.position(),
              "sluice-disable without a reason; write <!-- sluice-disable " + ids
                  + ": why this is safe -->",
              FindingDetails.none());
        }
      }
    }
  }
}
