package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;

/** Validation of messages against the API schema. */
final class ValidationPolicies {
  private ValidationPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor VALIDATE_CONTENT =
      PolicyDescriptor.builder("validate-content")
          .summary(
              "Validates the size and content of the section's message body against JSON, XML or"
                  + " SOAP schemas; the whole body is held in memory")
          .reference(REF + "validate-content-policy")
          .sections(Section.INBOUND, Section.OUTBOUND, Section.ON_ERROR)
          .attribute(action("unspecified-content-type-action", true, "For content types the schema does not specify"))
          .attribute(
              AttributeDescriptor.builder("max-size", INTEGER)
                  .required()
                  .expressions()
                  .description("Maximum body length in bytes, checked against Content-Length; at most 102400"))
          .attribute(action("size-exceeded-action", true, "For bodies longer than max-size"))
          .attribute(errorsVariableName())
          .child(
              ElementDescriptor.builder("content-type-map")
                  .attribute(
                      AttributeDescriptor.builder("any-content-type-value", STRING)
                          .description("Content type used for validation whatever the incoming one"))
                  .attribute(
                      AttributeDescriptor.builder("missing-content-type-value", STRING)
                          .description("Content type used when the incoming one is missing or empty"))
                  .child(
                      ElementDescriptor.builder("type")
                          .attribute(
                              AttributeDescriptor.builder("from", STRING)
                                  .description("A known incoming content type"))
                          .attribute(
                              AttributeDescriptor.builder("when", BOOLEAN)
                                  .expressions()
                                  .description("A condition on the incoming content type"))
                          .attribute(
                              AttributeDescriptor.builder("to", STRING)
                                  .required()
                                  .description("Content type used for validation"))
                          .occurs(0, UNBOUNDED)
                          .description("Maps an incoming content type (from or when) to another"))
                  .occurs(0, 1)
                  .description("Maps incoming content types to the ones used for validation"))
          .child(
              ElementDescriptor.builder("content")
                  .attribute(
                      AttributeDescriptor.builder("type", STRING)
                          .description("Content type to validate; every schema type when empty"))
                  .attribute(
                      AttributeDescriptor.builder("validate-as", ENUM)
                          .values("json", "xml", "soap")
                          .required()
                          .description("Validation engine"))
                  .attribute(
                      AttributeDescriptor.builder("schema-id", STRING)
                          .description("Schema added to the service; the API definition's when absent"))
                  .attribute(
                      AttributeDescriptor.builder("schema-ref", STRING)
                          .description("JSON pointer into a JSON schema given by schema-id"))
                  .attribute(action("action", false, "For bodies that do not match the schema"))
                  .attribute(
                      AttributeDescriptor.builder("allow-additional-properties", BOOLEAN)
                          .description("Overrides the schema's additionalProperties for JSON"))
                  .occurs(0, UNBOUNDED)
                  .description("Validates one content type"))
          .body(BodyAccess.buffering(Target.SECTION_MESSAGE, Mode.READ))
          .build();

  static final PolicyDescriptor VALIDATE_HEADERS =
      PolicyDescriptor.builder("validate-headers")
          .summary("Validates the response headers against the API schema")
          .reference(REF + "validate-headers-policy")
          .sections(Section.OUTBOUND, Section.ON_ERROR)
          .multiplicity(Multiplicity.ONCE_PER_SECTION)
          .attribute(action("specified-header-action", true, "For headers the schema specifies"))
          .attribute(action("unspecified-header-action", true, "For headers the schema does not specify"))
          .attribute(errorsVariableName())
          .child(
              ElementDescriptor.builder("header")
                  .attribute(
                      AttributeDescriptor.builder("name", STRING)
                          .required()
                          .description("Header name"))
                  .attribute(action("action", false, "For this header"))
                  .occurs(0, UNBOUNDED)
                  .description("Overrides the action for one header"))
          .build();

  static final PolicyDescriptor VALIDATE_PARAMETERS =
      PolicyDescriptor.builder("validate-parameters")
          .summary("Validates request header, query and path parameters against the API schema")
          .reference(REF + "validate-parameters-policy")
          .sections(Section.INBOUND)
          .multiplicity(Multiplicity.ONCE_PER_SECTION)
          .attribute(action("specified-parameter-action", true, "For parameters the schema specifies"))
          .attribute(
              action("unspecified-parameter-action", true, "For parameters the schema does not specify"))
          .attribute(errorsVariableName())
          .child(parameterGroup("headers", true, "Overrides for header parameters"))
          .child(parameterGroup("query", true, "Overrides for query parameters"))
          .child(parameterGroup("path", false, "Overrides for path parameters"))
          .build();

  static final PolicyDescriptor VALIDATE_STATUS_CODE =
      PolicyDescriptor.builder("validate-status-code")
          .summary("Validates response status codes against the API schema")
          .reference(REF + "validate-status-code-policy")
          .sections(Section.OUTBOUND, Section.ON_ERROR)
          .attribute(
              action("unspecified-status-code-action", true, "For status codes the schema does not specify"))
          .attribute(errorsVariableName())
          .child(
              ElementDescriptor.builder("status-code")
                  .attribute(
                      AttributeDescriptor.builder("code", INTEGER)
                          .required()
                          .description("The status code"))
                  .attribute(action("action", false, "For this status code when the schema does not specify it"))
                  .occurs(0, UNBOUNDED)
                  .description("Overrides the action for one status code"))
          .build();

  private static AttributeDescriptor.Builder action(
      String name, boolean expressions, String description) {
    var builder =
        AttributeDescriptor.builder(name, ENUM)
            .values("ignore", "prevent", "detect")
            .required()
            .description(description + ": ignore, prevent (block) or detect (log)");
    return expressions ? builder.expressions() : builder;
  }

  private static AttributeDescriptor.Builder errorsVariableName() {
    return AttributeDescriptor.builder("errors-variable-name", STRING)
        .description("Context variable that receives the validation errors");
  }

  private static ElementDescriptor.Builder parameterGroup(
      String name, boolean unspecified, String description) {
    var group =
        ElementDescriptor.builder(name)
            .attribute(
                AttributeDescriptor.builder("specified-parameter-action", ENUM)
                    .values("ignore", "prevent", "detect")
                    .expressions()
                    .description("Overrides specified-parameter-action for this group"));
    if (unspecified) {
      group.attribute(
          AttributeDescriptor.builder("unspecified-parameter-action", ENUM)
              .values("ignore", "prevent", "detect")
              .expressions()
              .description("Overrides unspecified-parameter-action for this group"));
    }
    return group
        .child(
            ElementDescriptor.builder("parameter")
                .attribute(
                    AttributeDescriptor.builder("name", STRING)
                        .required()
                        .description("Parameter name"))
                .attribute(action("action", false, "For this parameter"))
                .occurs(0, UNBOUNDED)
                .description("Overrides the action for one parameter"))
        .occurs(0, 1)
        .description(description);
  }
}
