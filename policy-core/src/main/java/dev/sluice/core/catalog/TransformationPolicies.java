package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.STRING;

/** Policies that change headers, query, URL and bodies. */
final class TransformationPolicies {
  private TransformationPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor SET_HEADER =
      PolicyDescriptor.builder("set-header")
          .summary("Adds, replaces, appends to or deletes an HTTP header")
          .reference(REF + "set-header-policy")
          .attribute(
              AttributeDescriptor.builder("name", STRING)
                  .required()
                  .description("The header name"))
          .attribute(
              AttributeDescriptor.builder("exists-action", ENUM)
                  .values("override", "skip", "append", "delete")
                  .defaultValue("override")
                  .description("What to do when the header is already present"))
          .child(
              ElementDescriptor.builder("value")
                  .text(true)
                  .occurs(0, ElementDescriptor.UNBOUNDED)
                  .description("A value of the header; several values append"))
          .build();
}
