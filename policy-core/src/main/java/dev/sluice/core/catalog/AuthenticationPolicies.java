package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.AttributeType.URL;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.Section;

/** Authentication towards backends and token validation of callers. */
final class AuthenticationPolicies {
  private AuthenticationPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor AUTHENTICATION_BASIC =
      PolicyDescriptor.builder("authentication-basic")
          .summary("Sets the Authorization header of the backend request to Basic credentials")
          .reference(REF + "authentication-basic-policy")
          .sections(Section.INBOUND)
          .attribute(
              AttributeDescriptor.builder("username", STRING)
                  .required()
                  .expressions()
                  .description("User name of the credential"))
          .attribute(
              AttributeDescriptor.builder("password", STRING)
                  .required()
                  .expressions()
                  .description("Password of the credential"))
          .build();

  static final PolicyDescriptor AUTHENTICATION_CERTIFICATE =
      PolicyDescriptor.builder("authentication-certificate")
          .summary("Authenticates to the backend with a client certificate")
          .reference(REF + "authentication-certificate-policy")
          .sections(Section.INBOUND)
          .attribute(SharedElements.CERTIFICATE_THUMBPRINT)
          .attribute(SharedElements.CERTIFICATE_ID)
          .attribute(SharedElements.CERTIFICATE_BODY)
          .attribute(SharedElements.CERTIFICATE_PASSWORD)
          .build();

  static final PolicyDescriptor AUTHENTICATION_MANAGED_IDENTITY =
      PolicyDescriptor.builder("authentication-managed-identity")
          .summary(
              "Obtains a Microsoft Entra token with a managed identity and sets it as the Bearer"
                  + " Authorization header")
          .reference(REF + "authentication-managed-identity-policy")
          .sections(Section.INBOUND)
          .attribute(SharedElements.MANAGED_IDENTITY_RESOURCE)
          .attribute(SharedElements.MANAGED_IDENTITY_CLIENT_ID)
          .attribute(SharedElements.MANAGED_IDENTITY_OUTPUT)
          .attribute(SharedElements.MANAGED_IDENTITY_IGNORE_ERROR)
          .build();

  static final PolicyDescriptor VALIDATE_JWT =
      PolicyDescriptor.builder("validate-jwt")
          .summary(
              "Requires a valid JWT from a header, a query parameter or a value; otherwise ends the"
                  + " request (401 by default)")
          .reference(REF + "validate-jwt-policy")
          .sections(Section.INBOUND)
          .attribute(tokenSource("header-name", "Header holding the token"))
          .attribute(tokenSource("query-parameter-name", "Query parameter holding the token"))
          .attribute(tokenSource("token-value", "Expression returning the token, without Bearer"))
          .attribute(failedHttpCode())
          .attribute(failedMessage())
          .attribute(
              AttributeDescriptor.builder("require-expiration-time", BOOLEAN)
                  .defaultValue("true")
                  .expressions()
                  .description("Require an expiration claim"))
          .attribute(
              AttributeDescriptor.builder("require-scheme", STRING)
                  .expressions()
                  .description("Scheme required in the Authorization header, such as Bearer"))
          .attribute(
              AttributeDescriptor.builder("require-signed-tokens", BOOLEAN)
                  .defaultValue("true")
                  .expressions()
                  .description("Require a signed token"))
          .attribute(
              AttributeDescriptor.builder("clock-skew", INTEGER)
                  .defaultValue("0")
                  .expressions()
                  .description("Allowed clock difference with the issuer, in seconds"))
          .attribute(outputTokenVariable())
          .child(
              ElementDescriptor.builder("openid-config")
                  .attribute(
                      AttributeDescriptor.builder("url", URL)
                          .required()
                          .description("OpenID configuration endpoint"))
                  .occurs(0, UNBOUNDED)
                  .description("Where signing keys and issuer are obtained"))
          .child(keys("issuer-signing-keys", "Keys that validate signed tokens; tried in turn"))
          .child(keys("decryption-keys", "Keys that decrypt tokens; tried in turn"))
          .child(
              list("audiences", "audience", true, "Acceptable audience claims; one must match"))
          .child(list("issuers", "issuer", false, "Acceptable issuers; one must match"))
          .child(requiredClaims())
          .build();

  static final PolicyDescriptor VALIDATE_AZURE_AD_TOKEN =
      PolicyDescriptor.builder("validate-azure-ad-token")
          .summary(
              "Requires a valid Microsoft Entra ID token from a header, a query parameter or a"
                  + " value; otherwise ends the request (401 by default)")
          .reference(REF + "validate-azure-ad-token-policy")
          .sections(Section.INBOUND)
          .attribute(
              AttributeDescriptor.builder("tenant-id", STRING)
                  .required()
                  .expressions()
                  .description("Tenant ID or URL of the Microsoft Entra ID service"))
          .attribute(
              AttributeDescriptor.builder("header-name", STRING)
                  .defaultValue("Authorization")
                  .expressions()
                  .description("Header holding the token"))
          .attribute(tokenSource("query-parameter-name", "Query parameter holding the token"))
          .attribute(tokenSource("token-value", "Expression returning the token, without Bearer"))
          .attribute(failedHttpCode())
          .attribute(failedMessage())
          .attribute(outputTokenVariable())
          .child(
              list("client-application-ids", "application-id", false, "Acceptable client application IDs")
                  .occurs(1, 1))
          .child(
              list("backend-application-ids", "application-id", false, "Acceptable backend application IDs"))
          .child(list("audiences", "audience", true, "Acceptable audience claims; one must match"))
          .child(requiredClaims())
          .build();

  private static AttributeDescriptor.Builder tokenSource(String name, String description) {
    return AttributeDescriptor.builder(name, STRING)
        .expressions()
        .description(description + "; one of header-name, query-parameter-name, token-value");
  }

  private static AttributeDescriptor.Builder failedHttpCode() {
    return AttributeDescriptor.builder("failed-validation-httpcode", INTEGER)
        .defaultValue("401")
        .expressions()
        .description("Status code returned when validation fails");
  }

  private static AttributeDescriptor.Builder failedMessage() {
    return AttributeDescriptor.builder("failed-validation-error-message", STRING)
        .expressions()
        .description("Message returned in the body when validation fails");
  }

  private static AttributeDescriptor.Builder outputTokenVariable() {
    return AttributeDescriptor.builder("output-token-variable-name", STRING)
        .description("Context variable that receives the validated token as a Jwt object");
  }

  private static ElementDescriptor.Builder keys(String name, String description) {
    return ElementDescriptor.builder(name)
        .child(
            ElementDescriptor.builder("key")
                .attribute(
                    AttributeDescriptor.builder("id", STRING)
                        .description("Matches the kid claim of the token"))
                .attribute(
                    AttributeDescriptor.builder("certificate-id", STRING)
                        .description("Certificate uploaded to the service holding the public key"))
                .attribute(
                    AttributeDescriptor.builder("n", STRING)
                        .description("RSA modulus, with e"))
                .attribute(
                    AttributeDescriptor.builder("e", STRING)
                        .description("RSA exponent, with n"))
                .text(true)
                .occurs(1, UNBOUNDED)
                .description("A Base64-encoded key, or a key given by its attributes"))
        .occurs(0, 1)
        .description(description);
  }

  private static ElementDescriptor.Builder list(
      String name, String item, boolean expressions, String description) {
    return ElementDescriptor.builder(name)
        .child(
            ElementDescriptor.builder(item)
                .text(expressions)
                .occurs(1, UNBOUNDED)
                .description("One " + item))
        .occurs(0, 1)
        .description(description);
  }

  private static ElementDescriptor.Builder requiredClaims() {
    return ElementDescriptor.builder("required-claims")
        .child(
            ElementDescriptor.builder("claim")
                .attribute(
                    AttributeDescriptor.builder("name", STRING)
                        .required()
                        .description("Claim name as it appears in the token"))
                .attribute(
                    AttributeDescriptor.builder("match", ENUM)
                        .values("all", "any")
                        .defaultValue("all")
                        .description("Whether every listed value or any one must be present"))
                .attribute(
                    AttributeDescriptor.builder("separator", STRING)
                        .description("Separator of a multi-valued claim"))
                .child(
                    ElementDescriptor.builder("value")
                        .text(false)
                        .occurs(0, UNBOUNDED)
                        .description("An expected claim value"))
                .occurs(1, UNBOUNDED)
                .description("A claim the token must carry"))
        .occurs(0, 1)
        .description("Claims the token must carry");
  }
}
