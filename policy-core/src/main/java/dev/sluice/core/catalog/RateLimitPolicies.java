package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;

/** Rate limits, quotas and concurrency limits. */
final class RateLimitPolicies {
  private RateLimitPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  static final PolicyDescriptor RATE_LIMIT =
      PolicyDescriptor.builder("rate-limit")
          .summary(
              "Limits the call rate per subscription; over the limit the caller gets 429 Too Many"
                  + " Requests")
          .reference(REF + "rate-limit-policy")
          .sections(Section.INBOUND)
          .scopes(ScopeLevel.PRODUCT, ScopeLevel.API, ScopeLevel.OPERATION)
          .multiplicity(Multiplicity.ONCE_PER_DOCUMENT)
          .attribute(calls().required())
          .attribute(slidingRenewalPeriod())
          .attribute(retryAfterHeaderName())
          .attribute(plainName("retry-after-variable-name", "Variable that receives the retry interval"))
          .attribute(
              plainName(
                  "remaining-calls-header-name", "Response header that receives the remaining calls"))
          .attribute(
              plainName("remaining-calls-variable-name", "Variable that receives the remaining calls"))
          .attribute(
              plainName("total-calls-header-name", "Response header that receives the value of calls"))
          .child(
              ElementDescriptor.builder("api")
                  .attribute(plainName("name", "API name; name or id must be given"))
                  .attribute(plainName("id", "API id; wins over name"))
                  .attribute(calls().required())
                  .attribute(slidingRenewalPeriod())
                  .child(
                      ElementDescriptor.builder("operation")
                          .attribute(plainName("name", "Operation name; name or id must be given"))
                          .attribute(plainName("id", "Operation id; wins over name"))
                          .attribute(calls().required())
                          .attribute(slidingRenewalPeriod())
                          .occurs(0, UNBOUNDED)
                          .description("A separate call rate limit for one operation of the API"))
                  .occurs(0, UNBOUNDED)
                  .description("A separate call rate limit for one API of the product"))
          .build();

  static final PolicyDescriptor RATE_LIMIT_BY_KEY =
      PolicyDescriptor.builder("rate-limit-by-key")
          .summary(
              "Limits the call rate per key value; over the limit the caller gets 429 Too Many"
                  + " Requests")
          .reference(REF + "rate-limit-by-key-policy")
          .sections(Section.INBOUND)
          .attribute(calls().required().expressions())
          .attribute(counterKey())
          .attribute(incrementCondition())
          .attribute(
              AttributeDescriptor.builder("increment-count", INTEGER)
                  .defaultValue("1")
                  .expressions()
                  .description("Amount added to the counter per request"))
          .attribute(
              AttributeDescriptor.builder("renewal-period", INTEGER)
                  .required()
                  .expressions()
                  .description("Length in seconds of the sliding window, at most 300"))
          .attribute(retryAfterHeaderName())
          .attribute(plainName("retry-after-variable-name", "Variable that receives the retry interval"))
          .attribute(
              plainName(
                  "remaining-calls-header-name", "Response header that receives the remaining calls"))
          .attribute(
              plainName("remaining-calls-variable-name", "Variable that receives the remaining calls"))
          .attribute(
              plainName("total-calls-header-name", "Response header that receives the value of calls"))
          .build();

  static final PolicyDescriptor QUOTA =
      PolicyDescriptor.builder("quota")
          .summary(
              "Enforces a renewable or lifetime call and/or bandwidth quota per subscription; over"
                  + " it the caller gets 403 Forbidden")
          .reference(REF + "quota-policy")
          .sections(Section.INBOUND)
          .scopes(ScopeLevel.PRODUCT)
          .multiplicity(Multiplicity.ONCE_PER_DOCUMENT)
          .attribute(calls())
          .attribute(bandwidth())
          .attribute(fixedRenewalPeriod())
          .child(
              ElementDescriptor.builder("api")
                  .attribute(plainName("name", "API name; name or id must be given"))
                  .attribute(plainName("id", "API id; wins over name"))
                  .attribute(calls())
                  .attribute(bandwidth())
                  .attribute(fixedRenewalPeriod())
                  .child(
                      ElementDescriptor.builder("operation")
                          .attribute(plainName("name", "Operation name; name or id must be given"))
                          .attribute(plainName("id", "Operation id; wins over name"))
                          .attribute(calls())
                          .attribute(bandwidth())
                          .attribute(fixedRenewalPeriod())
                          .occurs(0, UNBOUNDED)
                          .description("A separate quota for one operation of the API"))
                  .occurs(0, UNBOUNDED)
                  .description("A separate quota for one API of the product"))
          .build();

  static final PolicyDescriptor QUOTA_BY_KEY =
      PolicyDescriptor.builder("quota-by-key")
          .summary(
              "Enforces a renewable or lifetime call and/or bandwidth quota per key value; over it"
                  + " the caller gets 403 Forbidden")
          .reference(REF + "quota-by-key-policy")
          .sections(Section.INBOUND)
          .attribute(calls())
          .attribute(bandwidth())
          .attribute(counterKey())
          .attribute(incrementCondition())
          .attribute(fixedRenewalPeriod())
          .attribute(
              AttributeDescriptor.builder("first-period-start", STRING)
                  .defaultValue("0001-01-01T00:00:00Z")
                  .description("Start of the renewal periods, yyyy-MM-ddTHH:mm:ssZ"))
          .build();

  static final PolicyDescriptor LIMIT_CONCURRENCY =
      PolicyDescriptor.builder("limit-concurrency")
          .summary(
              "Lets at most max-count requests run the enclosed policies at once; others get 429"
                  + " Too Many Requests")
          .reference(REF + "limit-concurrency-policy")
          .attribute(
              AttributeDescriptor.builder("key", STRING)
                  .required()
                  .expressions()
                  .description("The concurrency scope; policies with the same key share it"))
          .attribute(
              AttributeDescriptor.builder("max-count", INTEGER)
                  .required()
                  .description("Maximum number of requests inside the policy at once"))
          .content(ContentModel.POLICIES)
          .build();

  private static AttributeDescriptor.Builder calls() {
    return AttributeDescriptor.builder("calls", INTEGER)
        .description("Maximum number of calls in the renewal period");
  }

  private static AttributeDescriptor.Builder bandwidth() {
    return AttributeDescriptor.builder("bandwidth", INTEGER)
        .description("Maximum kilobytes in the renewal period; calls, bandwidth or both");
  }

  private static AttributeDescriptor.Builder slidingRenewalPeriod() {
    return AttributeDescriptor.builder("renewal-period", INTEGER)
        .required()
        .description("Length in seconds of the sliding window, at most 300");
  }

  private static AttributeDescriptor.Builder fixedRenewalPeriod() {
    return AttributeDescriptor.builder("renewal-period", INTEGER)
        .required()
        .description("Length in seconds of the fixed window; 0 means never renewed");
  }

  private static AttributeDescriptor.Builder counterKey() {
    return AttributeDescriptor.builder("counter-key", STRING)
        .required()
        .expressions()
        .description("The key; one counter per value, shared by every scope that uses it");
  }

  private static AttributeDescriptor.Builder incrementCondition() {
    return AttributeDescriptor.builder("increment-condition", BOOLEAN)
        .expressions()
        .description("Whether the request counts");
  }

  private static AttributeDescriptor.Builder retryAfterHeaderName() {
    return AttributeDescriptor.builder("retry-after-header-name", STRING)
        .defaultValue("Retry-After")
        .description("Response header that receives the retry interval in seconds");
  }

  private static AttributeDescriptor.Builder plainName(String name, String description) {
    return AttributeDescriptor.builder(name, STRING).description(description);
  }
}
