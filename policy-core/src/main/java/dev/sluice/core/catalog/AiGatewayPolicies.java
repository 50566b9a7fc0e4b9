package dev.sluice.core.catalog;

import static dev.sluice.core.catalog.AttributeType.BOOLEAN;
import static dev.sluice.core.catalog.AttributeType.ENUM;
import static dev.sluice.core.catalog.AttributeType.INTEGER;
import static dev.sluice.core.catalog.AttributeType.STRING;
import static dev.sluice.core.catalog.ElementDescriptor.UNBOUNDED;

import dev.sluice.core.ScopeLevel;
import dev.sluice.core.Section;
import dev.sluice.core.catalog.BodyAccess.Mode;
import dev.sluice.core.catalog.BodyAccess.Target;

/**
 * Policies for language-model APIs: token limits and metrics, semantic caching, content safety.
 *
 * <p>Token counting reads the usage the model reports in its response. For a streamed (SSE)
 * response APIM estimates the tokens as the events pass instead of holding the stream, so that
 * read is marked streaming. Estimating prompt tokens, semantic lookup and content safety need the
 * whole prompt, so they buffer the request.
 */
final class AiGatewayPolicies {
  private AiGatewayPolicies() {}

  private static final String REF = "https://learn.microsoft.com/en-us/azure/api-management/";

  private static final BodyAccess OBSERVES_USAGE = BodyAccess.streaming(Target.RESPONSE, Mode.READ);

  private static final BodyAccess ESTIMATES_PROMPT =
      BodyAccess.bufferingWhen(Target.REQUEST, Mode.READ, "estimate-prompt-tokens", false);

  static final PolicyDescriptor LLM_TOKEN_LIMIT =
      PolicyDescriptor.builder("llm-token-limit")
          .summary(
              "Limits language-model tokens per key to a rate (429 when exceeded) or a quota (403);"
                  + " counts usage from the response without holding a streamed one")
          .reference(REF + "llm-token-limit-policy")
          .sections(Section.INBOUND)
          .attribute(counterKey())
          .attribute(tokensPerMinute(false))
          .attribute(
              AttributeDescriptor.builder("token-quota", INTEGER)
                  .description("Tokens allowed per token-quota-period; with token-quota-period"))
          .attribute(
              AttributeDescriptor.builder("token-quota-period", ENUM)
                  .values("Hourly", "Daily", "Weekly", "Monthly", "Yearly")
                  .description("Fixed window after which token-quota resets"))
          .attribute(estimatePromptTokens())
          .attribute(retryAfterHeaderName())
          .attribute(name("retry-after-variable-name", "Variable that receives the retry interval"))
          .attribute(
              name(
                  "remaining-quota-tokens-header-name",
                  "Response header that receives the tokens left of token-quota"))
          .attribute(
              name(
                  "remaining-quota-tokens-variable-name",
                  "Variable that receives the tokens left of token-quota"))
          .attribute(
              name("remaining-tokens-header-name", "Response header that receives the tokens left this minute"))
          .attribute(
              name("remaining-tokens-variable-name", "Variable that receives the tokens left this minute"))
          .attribute(
              name("tokens-consumed-header-name", "Response header that receives the tokens consumed"))
          .attribute(
              name("tokens-consumed-variable-name", "Variable that receives the tokens consumed"))
          .body(ESTIMATES_PROMPT)
          .body(OBSERVES_USAGE)
          .build();

  static final PolicyDescriptor AZURE_OPENAI_TOKEN_LIMIT =
      PolicyDescriptor.builder("azure-openai-token-limit")
          .summary(
              "Limits Azure OpenAI tokens per key and minute (429 when exceeded); counts usage from"
                  + " the response without holding a streamed one")
          .reference(REF + "azure-openai-token-limit-policy")
          .sections(Section.INBOUND)
          .attribute(counterKey())
          .attribute(tokensPerMinute(true))
          .attribute(estimatePromptTokens())
          .attribute(retryAfterHeaderName())
          .attribute(name("retry-after-variable-name", "Variable that receives the retry interval"))
          .attribute(
              name("remaining-tokens-header-name", "Response header that receives the tokens left this minute"))
          .attribute(
              name("remaining-tokens-variable-name", "Variable that receives the tokens left this minute"))
          .attribute(
              name("tokens-consumed-header-name", "Response header that receives the tokens consumed"))
          .attribute(
              name("tokens-consumed-variable-name", "Variable that receives the tokens consumed"))
          .body(ESTIMATES_PROMPT)
          .body(OBSERVES_USAGE)
          .build();

  static final PolicyDescriptor LLM_EMIT_TOKEN_METRIC =
      PolicyDescriptor.builder("llm-emit-token-metric")
          .summary(
              "Sends language-model token counts to Application Insights; reads usage from the"
                  + " response and estimates it for a streamed one")
          .reference(REF + "llm-emit-token-metric-policy")
          .sections(Section.INBOUND)
          .attribute(metricNamespace())
          .child(SharedElements.dimension(5))
          .body(OBSERVES_USAGE)
          .build();

  static final PolicyDescriptor AZURE_OPENAI_EMIT_TOKEN_METRIC =
      PolicyDescriptor.builder("azure-openai-emit-token-metric")
          .summary(
              "Sends Azure OpenAI token counts to Application Insights; reads usage from the"
                  + " response and estimates it for a streamed one")
          .reference(REF + "azure-openai-emit-token-metric-policy")
          .sections(Section.INBOUND)
          .attribute(metricNamespace())
          .attribute(
              AttributeDescriptor.builder("value", STRING)
                  .defaultValue("1")
                  .expressions()
                  .description("Value of the metric, a double"))
          .child(SharedElements.dimension(10))
          .body(OBSERVES_USAGE)
          .build();

  static final PolicyDescriptor LLM_SEMANTIC_CACHE_LOOKUP =
      semanticLookup("llm-semantic-cache-lookup", "a language-model")
          .scopes(ScopeLevel.GLOBAL, ScopeLevel.PRODUCT, ScopeLevel.API, ScopeLevel.OPERATION)
          .build();

  static final PolicyDescriptor AZURE_OPENAI_SEMANTIC_CACHE_LOOKUP =
      semanticLookup("azure-openai-semantic-cache-lookup", "an Azure OpenAI").build();

  static final PolicyDescriptor LLM_SEMANTIC_CACHE_STORE =
      semanticStore("llm-semantic-cache-store", "a language-model").build();

  static final PolicyDescriptor AZURE_OPENAI_SEMANTIC_CACHE_STORE =
      semanticStore("azure-openai-semantic-cache-store", "an Azure OpenAI").build();

  static final PolicyDescriptor LLM_CONTENT_SAFETY =
      PolicyDescriptor.builder("llm-content-safety")
          .summary(
              "Sends the text of the request (the prompt) to Azure AI Content Safety before the"
                  + " backend and ends the request with 403 when it is flagged; the whole request"
                  + " body is held in memory")
          .reference(REF + "llm-content-safety-policy")
          .sections(Section.INBOUND)
          .attribute(
              AttributeDescriptor.builder("backend-id", STRING)
                  .required()
                  .expressions()
                  .description("Backend that routes the Content Safety calls"))
          .attribute(
              AttributeDescriptor.builder("shield-prompt", BOOLEAN)
                  .defaultValue("false")
                  .expressions()
                  .description("Also check the prompt for user attacks"))
          .child(
              ElementDescriptor.builder("categories")
                  .attribute(
                      AttributeDescriptor.builder("output-type", ENUM)
                          .values("FourSeverityLevels", "EightSeverityLevels")
                          .defaultValue("FourSeverityLevels")
                          .expressions()
                          .description("Severity scale returned by the service"))
                  .child(
                      ElementDescriptor.builder("category")
                          .attribute(
                              AttributeDescriptor.builder("name", ENUM)
                                  .values("Hate", "SelfHarm", "Sexual", "Violence")
                                  .required()
                                  .expressions()
                                  .description("The category"))
                          .attribute(
                              AttributeDescriptor.builder("threshold", INTEGER)
                                  .required()
                                  .expressions()
                                  .description("Severity, 0 to 7, from which requests are blocked"))
                          .occurs(1, UNBOUNDED)
                          .description("Blocks requests whose severity reaches the threshold"))
                  .occurs(0, 1)
                  .description("Category settings"))
          .child(
              ElementDescriptor.builder("blocklists")
                  .child(
                      ElementDescriptor.builder("id")
                          .text(true)
                          .occurs(1, UNBOUNDED)
                          .description("A blocklist of the Content Safety resource"))
                  .occurs(0, 1)
                  .description("Blocklists whose matches block the request"))
          .body(BodyAccess.buffering(Target.REQUEST, Mode.READ))
          .build();

  private static PolicyDescriptor.Builder semanticLookup(String name, String kind) {
    return PolicyDescriptor.builder(name)
        .summary(
            "Returns a cached response to "
                + kind
                + " request whose prompt is close enough to an earlier one; reads the whole"
                + " request body to compute its embedding")
        .reference(REF + name + "-policy")
        .sections(Section.INBOUND)
        .multiplicity(Multiplicity.ONCE_PER_SECTION)
        .attribute(
            AttributeDescriptor.builder("score-threshold", STRING)
                .required()
                .description("Similarity threshold, a decimal from 0.0 to 1.0"))
        .attribute(
            AttributeDescriptor.builder("embeddings-backend-id", STRING)
                .required()
                .description("Backend of the embeddings API"))
        .attribute(
            AttributeDescriptor.builder("embeddings-backend-auth", ENUM)
                .values("system-assigned")
                .required()
                .description("Authentication towards the embeddings backend"))
        .attribute(
            AttributeDescriptor.builder("ignore-system-messages", BOOLEAN)
                .defaultValue("false")
                .description("Leave system messages out of the similarity"))
        .attribute(
            AttributeDescriptor.builder("max-message-count", INTEGER)
                .description("Skip caching when more dialog messages remain"))
        .child(
            ElementDescriptor.builder("vary-by")
                .text(true)
                .occurs(0, UNBOUNDED)
                .description("Value that partitions the cache; several are concatenated"))
        .body(BodyAccess.buffering(Target.REQUEST, Mode.READ))
        .body(BodyAccess.streaming(Target.RESPONSE, Mode.SERVE));
  }

  private static PolicyDescriptor.Builder semanticStore(String name, String kind) {
    return PolicyDescriptor.builder(name)
        .summary(
            "Stores the response to "
                + kind
                + " request in the semantic cache; the whole response body is held in memory")
        .reference(REF + name + "-policy")
        .sections(Section.OUTBOUND)
        .multiplicity(Multiplicity.ONCE_PER_SECTION)
        .attribute(
            AttributeDescriptor.builder("duration", INTEGER)
                .required()
                .expressions()
                .description("Time to live of the entry in seconds"))
        .body(BodyAccess.buffering(Target.RESPONSE, Mode.STORE));
  }

  private static AttributeDescriptor.Builder counterKey() {
    return AttributeDescriptor.builder("counter-key", STRING)
        .required()
        .expressions()
        .description("The key; one counter per value, shared by every scope that uses it");
  }

  private static AttributeDescriptor.Builder tokensPerMinute(boolean required) {
    var builder =
        AttributeDescriptor.builder("tokens-per-minute", INTEGER)
            .expressions()
            .description(
                required
                    ? "Maximum prompt and completion tokens per minute"
                    : "Maximum prompt and completion tokens per minute; or give a token quota");
    return required ? builder.required() : builder;
  }

  private static AttributeDescriptor.Builder estimatePromptTokens() {
    return AttributeDescriptor.builder("estimate-prompt-tokens", BOOLEAN)
        .required()
        .description(
            "true estimates prompt tokens from the request before the backend call; a streamed"
                + " request is always estimated");
  }

  private static AttributeDescriptor.Builder retryAfterHeaderName() {
    return AttributeDescriptor.builder("retry-after-header-name", STRING)
        .defaultValue("Retry-After")
        .description("Response header that receives the retry interval in seconds");
  }

  private static AttributeDescriptor.Builder metricNamespace() {
    return AttributeDescriptor.builder("namespace", STRING)
        .defaultValue("API Management")
        .description("Namespace of the metric");
  }

  private static AttributeDescriptor.Builder name(String name, String description) {
    return AttributeDescriptor.builder(name, STRING).description(description);
  }
}
