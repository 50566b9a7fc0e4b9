package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.AttributeType.URL;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

/**
 * Attribute and element shapes that occur in several places: a policy on its own and the same
 * element inside send-request or return-response.
 */
final class SharedElements {
  private SharedElements() {}

  static final AttributeDescriptor HEADER_NAME =
      AttributeDescriptor.builder("name", STRING)
          .required()
          .expressions()
          .description("The header name")
          .build();

  static final AttributeDescriptor EXISTS_ACTION =
      AttributeDescriptor.builder("exists-action", ENUM)
          .values("override", "skip", "append", "delete")
          .defaultValue("override")
          .expressions()
          .description("What to do when the header is already present")
          .build();

  static final ElementDescriptor HEADER_VALUE =
      ElementDescriptor.builder("value")
          .text(true)
          .occurs(0, UNBOUNDED)
          .description("A value of the header; several elements give several values")
          .build();

  /** The {@code caching-type} attribute of the cache-by-key policies. */
  static final AttributeDescriptor CACHING_TYPE =
      AttributeDescriptor.builder("caching-type", ENUM)
          .values("prefer-external", "external", "internal")
          .defaultValue("prefer-external")
          .description("Built-in cache, external cache, or external when configured")
          .build();

  static final AttributeDescriptor STATUS_CODE =
      AttributeDescriptor.builder("code", INTEGER)
          .required()
          .expressions()
          .description("The HTTP status code")
          .build();

  static final AttributeDescriptor STATUS_REASON =
      AttributeDescriptor.builder("reason", STRING)
          .required()
          .expressions()
          .description("The reason phrase")
          .build();

  static final AttributeDescriptor BODY_TEMPLATE =
      AttributeDescriptor.builder("template", ENUM)
          .values("liquid")
          .description("Render the content as a Liquid template")
          .build();

  static final AttributeDescriptor BODY_XSI_NIL =
      AttributeDescriptor.builder("xsi-nil", ENUM)
          .values("blank", "null")
          .defaultValue("blank")
          .description("How elements marked xsi:nil=\"true\" render in XML payloads")
          .build();

  static ElementDescriptor.Builder setHeader() {
    return ElementDescriptor.builder("set-header")
        .attribute(HEADER_NAME)
        .attribute(EXISTS_ACTION)
        .child(HEADER_VALUE)
        .occurs(0, UNBOUNDED)
        .description("Sets a header, as the set-header policy does");
  }

  static ElementDescriptor.Builder setBody() {
    return ElementDescriptor.builder("set-body")
        .attribute(BODY_TEMPLATE)
        .attribute(BODY_XSI_NIL)
        .content(ContentModel.RAW)
        .occurs(0, 1)
        .description("Sets the body, as the set-body policy does; content kept verbatim");
  }

  static ElementDescriptor.Builder setStatus() {
    return ElementDescriptor.builder("set-status")
        .attribute(STATUS_CODE)
        .attribute(STATUS_REASON)
        .occurs(0, 1)
        .description("Sets the status code and reason");
  }

  static ElementDescriptor.Builder setUrl() {
    return ElementDescriptor.builder("set-url")
        .text(true)
        .occurs(0, 1)
        .description("The URL of the request; required unless mode is copy");
  }

  static ElementDescriptor.Builder setMethod() {
    return ElementDescriptor.builder("set-method")
        .text(true)
        .occurs(0, 1)
        .description("The HTTP method of the request; required unless mode is copy");
  }

  static final AttributeDescriptor CERTIFICATE_THUMBPRINT =
      AttributeDescriptor.builder("thumbprint", STRING)
          .expressions()
          .description("Thumbprint of the client certificate; use this or certificate-id")
          .build();

  static final AttributeDescriptor CERTIFICATE_ID =
      AttributeDescriptor.builder("certificate-id", STRING)
          .expressions()
          .description("Resource name of the client certificate; use this or thumbprint")
          .build();

  static final AttributeDescriptor CERTIFICATE_BODY =
      AttributeDescriptor.builder("body", STRING)
          .expressions()
          .description("The certificate as a byte array, when not taken from the certificate store")
          .build();

  static final AttributeDescriptor CERTIFICATE_PASSWORD =
      AttributeDescriptor.builder("password", STRING)
          .expressions()
          .description("Password of a certificate given in body")
          .build();

  static ElementDescriptor.Builder authenticationCertificate() {
    return ElementDescriptor.builder("authentication-certificate")
        .attribute(CERTIFICATE_THUMBPRINT)
        .attribute(CERTIFICATE_ID)
        .attribute(CERTIFICATE_BODY)
        .attribute(CERTIFICATE_PASSWORD)
        .occurs(0, 1)
        .description("Client certificate for the request");
  }

  static final AttributeDescriptor MANAGED_IDENTITY_RESOURCE =
      AttributeDescriptor.builder("resource", STRING)
          .required()
          .expressions()
          .description("Application ID of the target web API in Microsoft Entra ID")
          .build();

  static final AttributeDescriptor MANAGED_IDENTITY_CLIENT_ID =
      AttributeDescriptor.builder("client-id", STRING)
          .description("Client ID of a user-assigned identity; the system-assigned one when absent")
          .build();

  static final AttributeDescriptor MANAGED_IDENTITY_OUTPUT =
      AttributeDescriptor.builder("output-token-variable-name", STRING)
          .description("Context variable that receives the token as a string")
          .build();

  static final AttributeDescriptor MANAGED_IDENTITY_IGNORE_ERROR =
      AttributeDescriptor.builder("ignore-error", BOOLEAN)
          .defaultValue("false")
          .description("Continue when no token could be obtained")
          .build();

  static ElementDescriptor.Builder authenticationManagedIdentity() {
    return ElementDescriptor.builder("authentication-managed-identity")
        .attribute(MANAGED_IDENTITY_RESOURCE)
        .attribute(MANAGED_IDENTITY_CLIENT_ID)
        .attribute(MANAGED_IDENTITY_OUTPUT)
        .attribute(MANAGED_IDENTITY_IGNORE_ERROR)
        .occurs(0, 1)
        .description("Authenticates the request with a managed identity");
  }

  static final AttributeDescriptor PROXY_URL =
      AttributeDescriptor.builder("url", URL)
          .required()
          .expressions()
          .description("Proxy URL, http://host:port")
          .build();

  static final AttributeDescriptor PROXY_USERNAME =
      AttributeDescriptor.builder("username", STRING)
          .expressions()
          .description("User name for the proxy")
          .build();

  static final AttributeDescriptor PROXY_PASSWORD =
      AttributeDescriptor.builder("password", STRING)
          .expressions()
          .description("Password for the proxy")
          .build();

  static ElementDescriptor.Builder proxy() {
    return ElementDescriptor.builder("proxy")
        .attribute(PROXY_URL)
        .attribute(PROXY_USERNAME)
        .attribute(PROXY_PASSWORD)
        .occurs(0, 1)
        .description("Routes the request through an HTTP proxy");
  }

  /** A metric dimension, as in emit-metric and the token-metric policies. */
  static ElementDescriptor.Builder dimension(int maxOccurs) {
    return ElementDescriptor.builder("dimension")
        .attribute(
            AttributeDescriptor.builder("name", STRING)
                .required()
                .expressions()
                .description("Dimension name"))
        .attribute(
            AttributeDescriptor.builder("value", STRING)
                .expressions()
                .description("Dimension value; may be omitted only for a default dimension name"))
        .occurs(1, maxOccurs)
        .description("A dimension of the metric");
  }
}
