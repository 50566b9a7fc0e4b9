package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;

/** Response caching and caching by key. */
final class CachingPolicies {
  private CachingPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  // A hit answers from the cache and skips the backend: the live backend body is never read, so
  // it holds no live body. The matching cache-store is what holds the response in memory; the
  // lookup is declared as serving a stored response, which replaces a live stream.
  static final PolicyDescriptor CACHE_LOOKUP =
      PolicyDescriptor.builder("cache-lookup")
          .summary(
              "On a cache hit for a GET request, returns the stored response and skips the"
                  + " backend; it reads no live body (cache-store is what buffers)")
          .reference(REF + "cache-lookup-policy")
          .sections(Section.INBOUND)
          .multiplicity(Multiplicity.ONCE_PER_SECTION)
          .attribute(
              AttributeDescriptor.builder("vary-by-developer", BOOLEAN)
                  .required()
                  .defaultValue("false")
                  .expressions()
                  .description("Cache per developer account of the subscription key"))
          .attribute(
              AttributeDescriptor.builder("vary-by-developer-groups", BOOLEAN)
                  .required()
                  .defaultValue("false")
                  .expressions()
                  .description("Cache per user group"))
          .attribute(SharedElements.CACHING_TYPE)
          .attribute(
              AttributeDescriptor.builder("downstream-caching-type", ENUM)
                  .values("none", "private", "public")
                  .defaultValue("none")
                  .expressions()
                  .description("Caching allowed to clients and intermediaries"))
          .attribute(
              AttributeDescriptor.builder("must-revalidate", BOOLEAN)
                  .defaultValue("true")
                  .expressions()
                  .description("Add must-revalidate when downstream caching is on"))
          .attribute(
              AttributeDescriptor.builder("allow-private-response-caching", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Cache requests that carry an Authorization header"))
          .child(
              ElementDescriptor.builder("vary-by-header")
                  .text(false)
                  .occurs(0, UNBOUNDED)
                  .description("Cache per value of this request header"))
          .child(
              ElementDescriptor.builder("vary-by-query-parameter")
                  .text(false)
                  .occurs(0, UNBOUNDED)
                  .description("Cache per value of these query parameters (; separated)"))
          .body(BodyAccess.streaming(Target.RESPONSE, Mode.SERVE))
          .build();

  static final PolicyDescriptor CACHE_STORE =
      PolicyDescriptor.builder("cache-store")
          .summary(
              "Stores the response of a GET request in the cache; the whole response body is"
                  + " held in memory")
          .reference(REF + "cache-store-policy")
          .sections(Section.OUTBOUND)
          .multiplicity(Multiplicity.ONCE_PER_SECTION)
          .attribute(
              AttributeDescriptor.builder("duration", INTEGER)
                  .required()
                  .expressions()
                  .description("Time to live of the entry in seconds"))
          .attribute(
              AttributeDescriptor.builder("cache-response", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Cache this response whatever its status; otherwise only 200 OK"))
          .body(BodyAccess.buffering(Target.RESPONSE, Mode.STORE))
          .build();

  static final PolicyDescriptor CACHE_LOOKUP_VALUE =
      PolicyDescriptor.builder("cache-lookup-value")
          .summary("Looks up a cached value by key and assigns it to a context variable")
          .reference(REF + "cache-lookup-value-policy")
          .attribute(key("Cache key to look up"))
          .attribute(
              AttributeDescriptor.builder("default-value", STRING)
                  .expressions()
                  .description("Value assigned on a miss; null when absent"))
          .attribute(
              AttributeDescriptor.builder("variable-name", STRING)
                  .required()
                  .description("Context variable that receives the value"))
          .attribute(SharedElements.CACHING_TYPE)
          .build();

  static final PolicyDescriptor CACHE_STORE_VALUE =
      PolicyDescriptor.builder("cache-store-value")
          .summary("Stores a value in the cache under a key, asynchronously")
          .reference(REF + "cache-store-value-policy")
          .attribute(key("Cache key to store the value under"))
          .attribute(
              AttributeDescriptor.builder("value", STRING)
                  .required()
                  .expressions()
                  .description("The value to cache"))
          .attribute(
              AttributeDescriptor.builder("duration", INTEGER)
                  .required()
                  .expressions()
                  .description("Time to live of the entry in seconds"))
          .attribute(SharedElements.CACHING_TYPE)
          .build();

  static final PolicyDescriptor CACHE_REMOVE_VALUE =
      PolicyDescriptor.builder("cache-remove-value")
          .summary("Removes a cached value by key")
          .reference(REF + "cache-remove-value-policy")
          .attribute(key("Cache key of the value to remove"))
          .attribute(SharedElements.CACHING_TYPE)
          .build();

  private static AttributeDescriptor.Builder key(String description) {
    return AttributeDescriptor.builder("key", STRING).required().expressions().description(description);
  }
}
