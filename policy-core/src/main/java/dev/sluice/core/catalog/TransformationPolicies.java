package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.STRING;

import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;

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

  static final PolicyDescriptor SET_BODY =
      PolicyDescriptor.builder("set-body")
          .summary("Sets the message body to a literal, an expression or a Liquid template")
          .reference(REF + "set-body-policy")
          .sections(Section.INBOUND, Section.BACKEND, Section.OUTBOUND, Section.ON_ERROR)
          .attribute(
              AttributeDescriptor.builder("template", ENUM)
                  .values("liquid")
                  .description("Render the body as a Liquid template"))
          .attribute(
              AttributeDescriptor.builder("xsi-nil", ENUM)
                  .values("blank", "null")
                  .description("How nil XML elements render in a Liquid template"))
          .attribute(
              AttributeDescriptor.builder("parse-date", AttributeType.BOOLEAN)
                  .defaultValue("true")
                  .description("Parse date-looking strings in JSON bodies"))
          .content(ContentModel.RAW)
          .body(BodyAccess.buffering(Target.SECTION_MESSAGE, Mode.REWRITE))
          .build();
}
