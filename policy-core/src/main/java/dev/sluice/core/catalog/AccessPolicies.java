package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.Section;

/** Policies that admit or refuse callers: header checks, IP filters, CORS. */
final class AccessPolicies {
  private AccessPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor CHECK_HEADER =
      PolicyDescriptor.builder("check-header")
          .summary(
              "Requires a request header, optionally with one of the listed values; otherwise"
                  + " ends the request with the given status and message")
          .reference(REF + "check-header-policy")
          .sections(Section.INBOUND)
          .attribute(
              AttributeDescriptor.builder("name", STRING)
                  .required()
                  .expressions()
                  .description("The header to check"))
          .attribute(
              AttributeDescriptor.builder("failed-check-httpcode", INTEGER)
                  .required()
                  .expressions()
                  .description("Status code returned when the check fails"))
          .attribute(
              AttributeDescriptor.builder("failed-check-error-message", STRING)
                  .required()
                  .expressions()
                  .description("Message returned in the body when the check fails"))
          .attribute(
              AttributeDescriptor.builder("ignore-case", BOOLEAN)
                  .required()
                  .expressions()
                  .description("Compare values ignoring case"))
          .child(
              ElementDescriptor.builder("value")
                  .text(true)
                  .occurs(0, UNBOUNDED)
                  .description("An allowed value; the check passes when any value matches"))
          .build();

  static final PolicyDescriptor IP_FILTER =
      PolicyDescriptor.builder("ip-filter")
          .summary("Allows or forbids calls from the listed IP addresses and ranges")
          .reference(REF + "ip-filter-policy")
          .sections(Section.INBOUND)
          .attribute(
              AttributeDescriptor.builder("action", ENUM)
                  .values("allow", "forbid")
                  .required()
                  .expressions()
                  .description("Allow or forbid the listed addresses"))
          .child(
              ElementDescriptor.builder("address")
                  .text(true)
                  .occurs(0, UNBOUNDED)
                  .description("One IP address; at least one address or address-range is needed"))
          .child(
              ElementDescriptor.builder("address-range")
                  .attribute(
                      AttributeDescriptor.builder("from", STRING)
                          .required()
                          .description("First address of the range"))
                  .attribute(
                      AttributeDescriptor.builder("to", STRING)
                          .required()
                          .description("Last address of the range"))
                  .occurs(0, UNBOUNDED)
                  .description("A range of IP addresses"))
          .build();

  static final PolicyDescriptor CORS =
      PolicyDescriptor.builder("cors")
          .summary("Answers CORS preflight requests and adds CORS headers for browser clients")
          .reference(REF + "cors-policy")
          .sections(Section.INBOUND)
          .multiplicity(Multiplicity.ONCE_PER_SECTION)
          .attribute(
              AttributeDescriptor.builder("allow-credentials", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Value of Access-Control-Allow-Credentials in the preflight response"))
          .attribute(
              AttributeDescriptor.builder("terminate-unmatched-request", BOOLEAN)
                  .defaultValue("true")
                  .expressions()
                  .description("End cross-origin requests that do not match with an empty 200 OK"))
          .child(
              ElementDescriptor.builder("allowed-origins")
                  .child(
                      ElementDescriptor.builder("origin")
                          .text(false)
                          .occurs(1, UNBOUNDED)
                          .description("* for any origin, or one origin URI with scheme and host"))
                  .occurs(1, 1)
                  .description("The origins allowed to call"))
          .child(
              ElementDescriptor.builder("allowed-methods")
                  .attribute(
                      AttributeDescriptor.builder("preflight-result-max-age", INTEGER)
                          .defaultValue("0")
                          .expressions()
                          .description("Value of Access-Control-Max-Age in the preflight response"))
                  .child(
                      ElementDescriptor.builder("method")
                          .text(true)
                          .occurs(1, UNBOUNDED)
                          .description("An HTTP method, or * for all"))
                  .occurs(0, 1)
                  .description("Allowed methods; GET and POST when absent"))
          .child(
              ElementDescriptor.builder("allowed-headers")
                  .child(headerName())
                  .occurs(0, 1)
                  .description("Headers the request may carry"))
          .child(
              ElementDescriptor.builder("expose-headers")
                  .child(headerName())
                  .occurs(0, 1)
                  .description("Headers the client may read"))
          .build();

  private static ElementDescriptor.Builder headerName() {
    return ElementDescriptor.builder("header")
        .text(false)
        .occurs(1, UNBOUNDED)
        .description("A header name");
  }
}
