package dev.sluice.runtime;

import dev.sluice.core.Section;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Factories for the built-in steps whose configuration needs no expressions. Each returns an
 * immutable {@link PolicyStep} that may be shared by any number of exchanges and pipelines.
 */
public final class Steps {
  private Steps() {}

  /** What {@code set-header} does when the header already exists (APIM {@code exists-action}). */
  public enum ExistsAction {
    OVERRIDE,
    SKIP,
    APPEND,
    DELETE
  }

  /**
   * {@code forward-request}: sends the request to {@link PolicyContext.Request#url()} and fills the
   * response. See {@link ForwardRequestOptions} for buffering, timeouts and failures.
   */
  public static PolicyStep forwardRequest(ForwardRequestOptions options) {
    return new ForwardRequestStep(Objects.requireNonNull(options, "options"));
  }

  /**
   * {@code set-header} with literal values: on the request in inbound and backend, on the response
   * in outbound and on-error. Never buffers.
   */
  public static PolicyStep setHeader(String name, ExistsAction action, List<String> values) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    List<String> copy = List.copyOf(values);
    if (name.isBlank()) {
      throw new IllegalArgumentException("header name must not be blank");
    }
    if (action != ExistsAction.DELETE && copy.isEmpty()) {
      throw new IllegalArgumentException("set-header needs at least one value unless it deletes");
    }
    return PolicyStep.of(
        "set-header",
        context -> {
          MultiMap headers =
              context.section() == Section.INBOUND || context.section() == Section.BACKEND
                  ? context.request().headers()
                  : context.response().headers();
          switch (action) {
            case OVERRIDE -> headers.set(name, copy);
            case SKIP -> {
              if (!headers.contains(name)) {
                headers.set(name, copy);
              }
            }
            case APPEND -> headers.add(name, copy);
            case DELETE -> headers.remove(name);
          }
          return Outcomes.CONTINUE;
        });
  }

  /** {@code set-status}: sets the response status and (nullable) reason phrase. */
  public static PolicyStep setStatus(int code, String reason) {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("status out of range: " + code);
    }
    return PolicyStep.of(
        "set-status",
        context -> {
          context.response().status(code, reason);
          return Outcomes.CONTINUE;
        });
  }

  /**
   * {@code return-response} with literal values: replaces the response (releasing any backend
   * stream) and ends the exchange; remaining steps and sections are skipped.
   *
   * @param body the body, or {@code null} for none
   */
  public static PolicyStep returnResponse(
      int status, String reason, Map<String, List<String>> headers, String body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status out of range: " + status);
    }
    MultiMap fixedHeaders = MultiMap.caseInsensitiveMultiMap();
    headers.forEach((name, values) -> fixedHeaders.add(name, (Iterable<String>) List.copyOf(values)));
    Buffer fixedBody = body == null ? null : Buffer.buffer(body);
    return PolicyStep.of(
        "return-response",
        context -> {
          PolicyContext.Response response = context.resetResponse();
          response.status(status, reason);
          response.headers().addAll(fixedHeaders);
          if (fixedBody != null) {
            response.body(fixedBody.copy());
          }
          return Outcomes.END;
        });
  }
}
