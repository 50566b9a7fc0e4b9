package dev.sluice.lint.rules;

import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Severity;
import dev.sluice.lint.Finding;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import dev.sluice.lint.SuppressionComment;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SLU003: a {@code sluice-disable} comment names a rule that reported nothing on its element in
 * this run, so it hides nothing and would hide a future finding unseen. Rules that are off, or ids
 * that name no rule ({@code SLU002}), are not reported here.
 */
final class UnusedSuppression extends Rule {

  UnusedSuppression() {
    super(RuleInfo.of("SLU003", "A sluice-disable comment suppresses nothing", Severity.INFO,
        "suppression"));
  }

  @Override
  public void checkFindings(PolicyDocument document, List<Finding> findings, RuleContext context) {
    Set<String> used = new HashSet<>();
    for (Finding finding : findings) {
      finding.suppression().ifPresent(s -> used.add(finding.ruleId() + "@" + s.position()));
    }
    for (PolicyNode node : nodes(document)) {
      for (SuppressionComment suppression : SuppressionComment.parseAll(node.comments())) {
        for (String id : suppression.ruleIds()) {
          if (context.isEnabledRule(id) && !used.contains(id + "@" + suppression.position())) {
            context.report(
                node,
                suppression.position(),
                "sluice-disable " + id + " suppresses nothing here; remove " + id
                    + " from the comment",
                FindingDetails.none());
          }
        }
      }
    }
  }
}
