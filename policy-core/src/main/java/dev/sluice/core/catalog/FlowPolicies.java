package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.Section;

/** Policies that shape control flow: base, include-fragment, choose, retry, wait. */
final class FlowPolicies {
  private FlowPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor BASE =
      PolicyDescriptor.builder("base")
          .summary("Evaluates the policies of the same section in the parent scope at this point")
          .reference(REF + "api-management-howto-policies#scopes")
          .build();

  static final PolicyDescriptor INCLUDE_FRAGMENT =
      PolicyDescriptor.builder("include-fragment")
          .summary("Inserts the policies of a policy fragment, as-is, at this point")
          .reference(REF + "include-fragment-policy")
          .attribute(
              AttributeDescriptor.builder("fragment-id", STRING)
                  .required()
                  .description("The identifier (name) of the policy fragment to include"))
          .build();

  static final PolicyDescriptor CHOOSE =
      PolicyDescriptor.builder("choose")
          .summary("Applies the policies of the first when whose condition is true, else otherwise")
          .reference(REF + "choose-policy")
          .child(
              ElementDescriptor.builder("when")
                  .attribute(
                      AttributeDescriptor.builder("condition", BOOLEAN)
                          .required()
                          .expressions()
                          .description("A Boolean constant or expression"))
                  .content(ContentModel.POLICIES)
                  .occurs(1, UNBOUNDED)
                  .description("Policies applied when the condition is true; evaluated in order"))
          .child(
              ElementDescriptor.builder("otherwise")
                  .content(ContentModel.POLICIES)
                  .occurs(0, 1)
                  .description("Policies applied when no when condition is true"))
          .build();

  static final PolicyDescriptor RETRY =
      PolicyDescriptor.builder("retry")
          .summary(
              "Runs the enclosed policies once, then again while the condition is true and the"
                  + " count allows")
          .reference(REF + "retry-policy")
          .attribute(
              AttributeDescriptor.builder("condition", BOOLEAN)
                  .required()
                  .expressions()
                  .description("Retries continue while this is true"))
          .attribute(
              AttributeDescriptor.builder("count", INTEGER)
                  .required()
                  .expressions()
                  .description("Number of retries, 1 to 50"))
          .attribute(
              AttributeDescriptor.builder("interval", INTEGER)
                  .required()
                  .expressions()
                  .description("Seconds to wait between attempts"))
          .attribute(
              AttributeDescriptor.builder("max-interval", INTEGER)
                  .expressions()
                  .description("Upper bound in seconds for exponential retry"))
          .attribute(
              AttributeDescriptor.builder("delta", INTEGER)
                  .expressions()
                  .description("Seconds added per attempt for linear or exponential retry"))
          .attribute(
              AttributeDescriptor.builder("first-fast-retry", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Whether the first retry runs immediately"))
          .content(ContentModel.POLICIES)
          .build();

  static final PolicyDescriptor WAIT =
      PolicyDescriptor.builder("wait")
          .summary(
              "Runs its immediate send-request, cache-lookup-value and choose children in parallel"
                  + " and waits for all or any of them")
          .reference(REF + "wait-policy")
          .sections(Section.INBOUND, Section.OUTBOUND, Section.BACKEND)
          .attribute(
              AttributeDescriptor.builder("for", ENUM)
                  .values("all", "any")
                  .defaultValue("all")
                  .expressions()
                  .description("Wait for all children, or for the first one (the others are ended)"))
          .childPolicies("send-request", "cache-lookup-value", "choose")
          .build();
}
