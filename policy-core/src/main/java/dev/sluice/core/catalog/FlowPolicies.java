package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.STRING;

import dev.sluice.core.catalog.ElementDescriptor.Builder;

/** Policies that shape control flow: base, include-fragment, choose, ... */
final class FlowPolicies {
  private FlowPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor BASE =
      PolicyDescriptor.builder("base")
          .summary("Evaluates the policies of the same section in the parent scope")
          .reference(REF + "api-management-howto-policies#scopes")
          .build();

  static final PolicyDescriptor INCLUDE_FRAGMENT =
      PolicyDescriptor.builder("include-fragment")
          .summary("Inserts the policies of a policy fragment")
          .reference(REF + "include-fragment-policy")
          .attribute(
              AttributeDescriptor.builder("fragment-id", STRING)
                  .required()
                  .description("The id of the policy fragment to include"))
          .build();

  static final PolicyDescriptor CHOOSE =
      PolicyDescriptor.builder("choose")
          .summary("Applies the policies of the first when whose condition is true, else otherwise")
          .reference(REF + "choose-policy")
          .child(
              when()
                  .occurs(1, ElementDescriptor.UNBOUNDED))
          .child(ElementDescriptor.builder("otherwise").content(ContentModel.POLICIES).occurs(0, 1))
          .build();

  private static Builder when() {
    return ElementDescriptor.builder("when")
        .attribute(
            AttributeDescriptor.builder("condition", AttributeType.BOOLEAN)
                .required()
                .expressions()
                .description("A boolean literal or expression"))
        .content(ContentModel.POLICIES);
  }
}
