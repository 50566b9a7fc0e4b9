package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;

/** Policies that change headers, query, URL, status, variables and bodies, or end the pipeline. */
final class TransformationPolicies {
  private TransformationPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  /** Rewriting a body replaces it whole: the gateway holds all of it. */
  private static final BodyAccess REWRITES_MESSAGE =
      BodyAccess.buffering(Target.SECTION_MESSAGE, Mode.REWRITE);

  static final PolicyDescriptor SET_HEADER =
      PolicyDescriptor.builder("set-header")
          .summary("Adds, replaces, appends to or deletes an HTTP header of the section's message")
          .reference(REF + "set-header-policy")
          .attribute(SharedElements.HEADER_NAME)
          .attribute(SharedElements.EXISTS_ACTION)
          .child(SharedElements.HEADER_VALUE)
          .build();

  static final PolicyDescriptor SET_QUERY_PARAMETER =
      PolicyDescriptor.builder("set-query-parameter")
          .summary("Adds, replaces, appends to or deletes a query parameter of the request")
          .reference(REF + "set-query-parameter-policy")
          .sections(Section.INBOUND, Section.BACKEND)
          .attribute(
              AttributeDescriptor.builder("name", STRING)
                  .required()
                  .expressions()
                  .description("The query parameter name"))
          .attribute(
              AttributeDescriptor.builder("exists-action", ENUM)
                  .values("override", "skip", "append", "delete")
                  .defaultValue("override")
                  .expressions()
                  .description("What to do when the parameter is already present"))
          .child(
              ElementDescriptor.builder("value")
                  .text(true)
                  .occurs(0, UNBOUNDED)
                  .description("A value of the parameter; needed unless exists-action is delete"))
          .build();

  static final PolicyDescriptor REWRITE_URI =
      PolicyDescriptor.builder("rewrite-uri")
          .summary("Rewrites the request URL from its public form to the form the backend expects")
          .reference(REF + "rewrite-uri-policy")
          .sections(Section.INBOUND)
          .attribute(
              AttributeDescriptor.builder("template", STRING)
                  .required()
                  .expressions()
                  .description("The backend URL template; an expression must be the whole value"))
          .attribute(
              AttributeDescriptor.builder("copy-unmatched-params", BOOLEAN)
                  .defaultValue("true")
                  .description("Copy query parameters that are not in the operation template"))
          .build();

  static final PolicyDescriptor SET_VARIABLE =
      PolicyDescriptor.builder("set-variable")
          .summary("Stores a value in a named context variable")
          .reference(REF + "set-variable-policy")
          .attribute(
              AttributeDescriptor.builder("name", STRING)
                  .required()
                  .description("The variable name"))
          .attribute(
              AttributeDescriptor.builder("value", STRING)
                  .required()
                  .expressions()
                  .description("A literal (stored as a string) or an expression"))
          .build();

  static final PolicyDescriptor SET_BODY =
      PolicyDescriptor.builder("set-body")
          .summary(
              "Replaces the body of the section's message with a literal, an expression or a"
                  + " Liquid template; the whole body is held in memory")
          .reference(REF + "set-body-policy")
          .sections(Section.INBOUND, Section.BACKEND, Section.OUTBOUND)
          .attribute(SharedElements.BODY_TEMPLATE)
          .attribute(SharedElements.BODY_XSI_NIL)
          .content(ContentModel.RAW)
          .body(REWRITES_MESSAGE)
          .build();

  static final PolicyDescriptor SET_STATUS =
      PolicyDescriptor.builder("set-status")
          .summary("Sets the HTTP status code and reason of the response")
          .reference(REF + "set-status-policy")
          .attribute(SharedElements.STATUS_CODE)
          .attribute(SharedElements.STATUS_REASON)
          .build();

  static final PolicyDescriptor SET_METHOD =
      PolicyDescriptor.builder("set-method")
          .summary("Changes the HTTP method of the request")
          .reference(REF + "set-method-policy")
          .sections(Section.INBOUND, Section.ON_ERROR)
          .text(true)
          .build();

  static final PolicyDescriptor RETURN_RESPONSE =
      PolicyDescriptor.builder("return-response")
          .summary(
              "Ends the pipeline and returns a response of its own (200 OK with no body by"
                  + " default); no backend body is read")
          .reference(REF + "return-response-policy")
          .attribute(
              AttributeDescriptor.builder("response-variable-name", STRING)
                  .description("Context variable holding a response object to start from"))
          .child(SharedElements.setStatus())
          .child(SharedElements.setHeader())
          .child(SharedElements.setBody())
          .build();

  static final PolicyDescriptor MOCK_RESPONSE =
      PolicyDescriptor.builder("mock-response")
          .summary(
              "Ends the pipeline and returns a response generated from the API's examples or"
                  + " schemas; no backend body is read")
          .reference(REF + "mock-response-policy")
          .sections(Section.INBOUND, Section.OUTBOUND, Section.ON_ERROR)
          .attribute(
              AttributeDescriptor.builder("status-code", INTEGER)
                  .defaultValue("200")
                  .expressions()
                  .description("Response status code; selects the example or schema"))
          .attribute(
              AttributeDescriptor.builder("content-type", STRING)
                  .expressions()
                  .description("Content-Type of the response; selects the example or schema"))
          .build();

  static final PolicyDescriptor FIND_AND_REPLACE =
      PolicyDescriptor.builder("find-and-replace")
          .summary(
              "Replaces a substring in the body of the section's message; the whole body is held"
                  + " in memory")
          .reference(REF + "find-and-replace-policy")
          .attribute(
              AttributeDescriptor.builder("from", STRING)
                  .required()
                  .expressions()
                  .description("The string to search for"))
          .attribute(
              AttributeDescriptor.builder("to", STRING)
                  .required()
                  .expressions()
                  .description("The replacement; empty removes the string"))
          .body(REWRITES_MESSAGE)
          .build();

  static final PolicyDescriptor JSON_TO_XML =
      PolicyDescriptor.builder("json-to-xml")
          .summary(
              "Converts the body of the section's message from JSON to XML; the whole body is held"
                  + " in memory")
          .reference(REF + "json-to-xml-policy")
          .sections(Section.INBOUND, Section.OUTBOUND, Section.ON_ERROR)
          .attribute(
              AttributeDescriptor.builder("apply", ENUM)
                  .values("always", "content-type-json")
                  .required()
                  .expressions()
                  .description("Always convert, or only when the Content-Type says JSON"))
          .attribute(
              AttributeDescriptor.builder("consider-accept-header", BOOLEAN)
                  .defaultValue("true")
                  .expressions()
                  .description("true converts only when the Accept header asks for XML"))
          .attribute(
              AttributeDescriptor.builder("parse-date", BOOLEAN)
                  .defaultValue("true")
                  .description("false copies date values unchanged"))
          .attribute(
              AttributeDescriptor.builder("namespace-separator", STRING)
                  .defaultValue("_")
                  .expressions()
                  .description("Character used as namespace separator"))
          .attribute(
              AttributeDescriptor.builder("namespace-prefix", STRING)
                  .expressions()
                  .description("Prefix marking properties that declare namespaces, usually xmlns"))
          .attribute(
              AttributeDescriptor.builder("attribute-block-name", STRING)
                  .expressions()
                  .description("Properties inside this object become XML attributes"))
          .body(REWRITES_MESSAGE)
          .build();

  static final PolicyDescriptor XML_TO_JSON =
      PolicyDescriptor.builder("xml-to-json")
          .summary(
              "Converts the body of the section's message from XML to JSON; the whole body is held"
                  + " in memory")
          .reference(REF + "xml-to-json-policy")
          .sections(Section.INBOUND, Section.OUTBOUND, Section.ON_ERROR)
          .attribute(
              AttributeDescriptor.builder("kind", ENUM)
                  .values("javascript-friendly", "direct")
                  .required()
                  .expressions()
                  .description("JavaScript-friendly JSON, or JSON that mirrors the XML structure"))
          .attribute(
              AttributeDescriptor.builder("apply", ENUM)
                  .values("always", "content-type-xml")
                  .required()
                  .expressions()
                  .description("Always convert, or only when the Content-Type says XML"))
          .attribute(
              AttributeDescriptor.builder("consider-accept-header", BOOLEAN)
                  .defaultValue("true")
                  .expressions()
                  .description("true converts only when the Accept header asks for JSON"))
          .attribute(
              AttributeDescriptor.builder("always-array-child-elements", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Always turn child elements into a JSON array"))
          .body(REWRITES_MESSAGE)
          .build();

  static final PolicyDescriptor XSL_TRANSFORM =
      PolicyDescriptor.builder("xsl-transform")
          .summary(
              "Applies an XSL transformation to the XML body of the section's message; the whole"
                  + " body is held in memory")
          .reference(REF + "xsl-transform-policy")
          .sections(Section.INBOUND, Section.OUTBOUND)
          .child(
              ElementDescriptor.builder("parameter")
                  .attribute(
                      AttributeDescriptor.builder("name", STRING)
                          .required()
                          .description("Name of the xsl:param it sets"))
                  .text(true)
                  .occurs(0, UNBOUNDED)
                  .description("A value passed to the stylesheet"))
          .child(
              ElementDescriptor.builder("xsl:stylesheet")
                  .content(ContentModel.RAW)
                  .occurs(1, 1)
                  .description("The XSLT stylesheet, kept verbatim"))
          .body(REWRITES_MESSAGE)
          .build();

  static final PolicyDescriptor REDIRECT_CONTENT_URLS =
      PolicyDescriptor.builder("redirect-content-urls")
          .summary(
              "Rewrites backend links in the body of the section's message to point to the gateway"
                  + " (inbound: the reverse); the whole body is held in memory")
          .reference(REF + "redirect-content-urls-policy")
          .sections(Section.INBOUND, Section.OUTBOUND)
          .multiplicity(Multiplicity.ONCE_PER_SECTION)
          .body(REWRITES_MESSAGE)
          .build();
}
