package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.AttributeType.URL;

import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;

/** Policies that route to and call backends. */
final class RoutingPolicies {
  private RoutingPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor FORWARD_REQUEST =
      PolicyDescriptor.builder("forward-request")
          .summary(
              "Forwards the request to the backend service. The response is buffered unless"
                  + " buffer-response=\"false\": with the default true, chunks are held until 8 KB"
                  + " collect or the stream ends, which stalls an event stream")
          .reference(REF + "forward-request-policy")
          .sections(Section.BACKEND)
          .attribute(
              AttributeDescriptor.builder("timeout", INTEGER)
                  .defaultValue("300")
                  .expressions()
                  .description("Seconds to wait for the backend's response headers; not with timeout-ms"))
          .attribute(
              AttributeDescriptor.builder("timeout-ms", INTEGER)
                  .expressions()
                  .description("Milliseconds to wait for the backend's response headers; not with timeout"))
          .attribute(
              AttributeDescriptor.builder("continue-timeout", INTEGER)
                  .expressions()
                  .description("Seconds to wait for a 100 Continue from the backend"))
          .attribute(
              AttributeDescriptor.builder("http-version", ENUM)
                  .values("1", "2or1", "2")
                  .defaultValue("1")
                  .description("HTTP version used towards the backend; 2or1 prefers HTTP/2"))
          .attribute(
              AttributeDescriptor.builder("follow-redirects", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Whether backend redirects are followed or returned to the caller"))
          .attribute(
              AttributeDescriptor.builder("buffer-request-body", BOOLEAN)
                  .defaultValue("false")
                  .description("Buffer the request body so it can be sent again on retry"))
          .attribute(
              AttributeDescriptor.builder("buffer-response", BOOLEAN)
                  .defaultValue("true")
                  .description(
                      "true holds response chunks (8 KB, or to the end of the stream) before they"
                          + " are sent on; false sends each chunk at once, as server-sent events need"))
          .attribute(
              AttributeDescriptor.builder("fail-on-error-status-code", BOOLEAN)
                  .defaultValue("false")
                  .description("Treat backend status codes 400-599 as errors that go to on-error"))
          .body(BodyAccess.bufferingWhen(Target.REQUEST, Mode.READ, "buffer-request-body", false))
          .body(BodyAccess.bufferingWhen(Target.RESPONSE, Mode.READ, "buffer-response", true))
          .build();

  static final PolicyDescriptor SET_BACKEND_SERVICE =
      PolicyDescriptor.builder("set-backend-service")
          .summary("Changes the backend base URL, directly or through a backend entity")
          .reference(REF + "set-backend-service-policy")
          .sections(Section.INBOUND, Section.BACKEND)
          .attribute(
              AttributeDescriptor.builder("base-url", URL)
                  .expressions()
                  .description("New backend base URL; this or backend-id must be present"))
          .attribute(
              AttributeDescriptor.builder("backend-id", STRING)
                  .expressions()
                  .description("Identifier of the backend entity to route to; this or base-url"))
          .attribute(
              AttributeDescriptor.builder("sf-resolve-condition", BOOLEAN)
                  .expressions()
                  .description("Service Fabric: whether to repeat the call with a new resolution"))
          .attribute(
              AttributeDescriptor.builder("sf-service-instance-name", STRING)
                  .expressions()
                  .description("Service Fabric: service instance to call"))
          .attribute(
              AttributeDescriptor.builder("sf-partition-key", STRING)
                  .expressions()
                  .description("Service Fabric: partition key of the service"))
          .attribute(
              AttributeDescriptor.builder("sf-replica-type", ENUM)
                  .values("primary", "secondary")
                  .expressions()
                  .description("Service Fabric: replica of the partition to call"))
          .attribute(
              AttributeDescriptor.builder("sf-listener-name", STRING)
                  .expressions()
                  .description("Service Fabric: listener to use when the service has several"))
          .build();

  static final PolicyDescriptor SEND_REQUEST =
      PolicyDescriptor.builder("send-request")
          .summary(
              "Sends a separate request and stores the response in a context variable; the"
                  + " message of the current exchange is not touched")
          .reference(REF + "send-request-policy")
          .attribute(mode())
          .attribute(
              AttributeDescriptor.builder("response-variable-name", STRING)
                  .required()
                  .description("Context variable that receives the response object"))
          .attribute(
              AttributeDescriptor.builder("timeout", INTEGER)
                  .defaultValue("60")
                  .expressions()
                  .description("Seconds before the call fails"))
          .attribute(
              AttributeDescriptor.builder("ignore-error", BOOLEAN)
                  .defaultValue("false")
                  .description("On error, continue with a null response variable"))
          .child(SharedElements.setUrl())
          .child(SharedElements.setMethod())
          .child(SharedElements.setHeader())
          .child(SharedElements.setBody())
          .child(SharedElements.authenticationCertificate())
          .child(SharedElements.authenticationManagedIdentity())
          .child(SharedElements.proxy())
          .build();

  static final PolicyDescriptor SEND_ONE_WAY_REQUEST =
      PolicyDescriptor.builder("send-one-way-request")
          .summary("Sends a separate request without waiting for its response")
          .reference(REF + "send-one-way-request-policy")
          .attribute(mode())
          .attribute(
              AttributeDescriptor.builder("timeout", INTEGER)
                  .defaultValue("60")
                  .expressions()
                  .description("Seconds before the call fails"))
          .child(SharedElements.setUrl())
          .child(SharedElements.setMethod())
          .child(SharedElements.setHeader())
          .child(SharedElements.setBody())
          .child(SharedElements.authenticationCertificate())
          .child(SharedElements.proxy())
          .build();

  static final PolicyDescriptor PROXY =
      PolicyDescriptor.builder("proxy")
          .summary("Routes forwarded requests through an HTTP proxy")
          .reference(REF + "proxy-policy")
          .sections(Section.INBOUND)
          .attribute(SharedElements.PROXY_URL)
          .attribute(SharedElements.PROXY_USERNAME)
          .attribute(SharedElements.PROXY_PASSWORD)
          .build();

  private static AttributeDescriptor.Builder mode() {
    return AttributeDescriptor.builder("mode", ENUM)
        .values("new", "copy")
        .defaultValue("new")
        .expressions()
        .description("A new request, or a copy of the current one (in outbound, without its body)");
  }
}
