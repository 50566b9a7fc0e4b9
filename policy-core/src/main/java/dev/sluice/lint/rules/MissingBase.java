package dev.sluice.lint.rules;

import dev.sluice.core.Gateway;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.PolicyNode;
import dev.sluice.core.Section;
import dev.sluice.core.Severity;
import dev.sluice.lint.FindingDetails;
import dev.sluice.lint.Rule;
import dev.sluice.lint.RuleContext;
import dev.sluice.lint.RuleInfo;
import java.util.Optional;

/**
 * SLU004: a section of a product, API or operation policy without {@code <base/>}, which silently
 * drops everything the wider scopes run in that section. {@code backend} is left out: replacing
 * the inherited {@code forward-request} there is common and deliberate (and how a stream is
 * forwarded without buffering). Only runs when the gateway is known, since a lone file's scope is
 * not; a gateway's global policy is left out.
 */
final class MissingBase extends Rule {

  MissingBase() {
    super(RuleInfo.of("SLU004", "A section of a non-global policy has no <base/>",
        Severity.WARNING, "inheritance"));
  }

  @Override
  public void checkDocument(PolicyDocument document, RuleContext context) {
    if (document.kind() != PolicyDocument.Kind.POLICY || context.gateway().isEmpty()) {
      return;
    }
    Optional<PolicyDocument> global = context.gateway().flatMap(Gateway::globalPolicy);
    if (global.filter(g -> g.file().equals(document.file())).isPresent()) {
      return;
    }
    for (Section section : Section.values()) {
      if (section == Section.BACKEND) {
        continue;
      }
      Optional<PolicyNode> element = document.section(section);
      if (element.isPresent()
          && element.get().children().stream().noneMatch(n -> n.name().equals("base"))) {
        context.report(
            element.get(),
            "<" + section.xmlName() + "> has no <base/>, so the policies of the wider scopes in"
                + " this section do not run here; add <base/> (first, usually) unless dropping them"
                + " is intended",
            FindingDetails.none());
      }
    }
  }
}
