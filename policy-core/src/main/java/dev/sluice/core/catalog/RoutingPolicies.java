package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;

import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;

/** Policies that route to and call backends. */
final class RoutingPolicies {
  private RoutingPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor FORWARD_REQUEST =
      PolicyDescriptor.builder("forward-request")
          .summary("Forwards the request to the backend service")
          .reference(REF + "forward-request-policy")
          .sections(Section.BACKEND)
          .attribute(
              AttributeDescriptor.builder("timeout", INTEGER)
                  .defaultValue("300")
                  .expressions()
                  .description("Seconds to wait for the backend's response headers"))
          .attribute(
              AttributeDescriptor.builder("continue-timeout", INTEGER)
                  .expressions()
                  .description("Seconds to wait for a 100 Continue from the backend"))
          .attribute(
              AttributeDescriptor.builder("http-version", ENUM)
                  .values("1", "2or1", "2")
                  .defaultValue("1")
                  .description("HTTP version used towards the backend"))
          .attribute(
              AttributeDescriptor.builder("follow-redirects", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Whether backend redirects are followed or returned to the caller"))
          .attribute(
              AttributeDescriptor.builder("buffer-request-body", BOOLEAN)
                  .defaultValue("false")
                  .description("Buffer the request body so it can be re-sent on retry"))
          .attribute(
              AttributeDescriptor.builder("buffer-response", BOOLEAN)
                  .defaultValue("true")
                  .description("Buffer the whole response before it is sent on; false streams it"))
          .attribute(
              AttributeDescriptor.builder("fail-on-error-status-code", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Treat status codes 400-599 as errors that go to on-error"))
          .body(BodyAccess.bufferingWhen(Target.REQUEST, Mode.READ, "buffer-request-body", false))
          .body(BodyAccess.bufferingWhen(Target.RESPONSE, Mode.READ, "buffer-response", true))
          .build();
}
