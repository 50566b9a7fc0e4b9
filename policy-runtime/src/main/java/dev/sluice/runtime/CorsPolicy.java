package dev.sluice.runtime;

import dev.sluice.core.graph.GraphNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * cors: answers preflight requests itself and adds CORS headers to the responses of matching
 * cross-origin requests, as APIM does. Unmatched requests end with an empty 200 when {@code
 * terminate-unmatched-request} is true (the default), and proceed without CORS headers otherwise.
 */
final class CorsPolicy {
  private CorsPolicy() {}

  record Config(
      boolean allowCredentials,
      boolean terminateUnmatched,
      List<String> origins,
      List<String> methods,
      long maxAge,
      List<String> headers,
      List<String> exposeHeaders) {
    Config {
      origins = List.copyOf(origins);
      methods = List.copyOf(methods);
      headers = List.copyOf(headers);
      exposeHeaders = List.copyOf(exposeHeaders);
    }

    boolean originAllowed(String origin) {
      return origins.contains("*") || origins.stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    boolean methodAllowed(String method) {
      return methods.isEmpty()
          ? List.of("GET", "POST", "HEAD").contains(method)
          : methods.contains("*") || methods.contains(method);
    }

    boolean headersAllowed(String requested) {
      if (requested == null || requested.isBlank() || headers.contains("*")) {
        return true;
      }
      for (String header : requested.split(",")) {
        String name = header.trim();
        if (!name.isEmpty() && headers.stream().noneMatch(h -> h.equalsIgnoreCase(name))) {
          return false;
        }
      }
      return true;
    }

    String allowOrigin(String origin) {
      return origins.contains("*") && !allowCredentials ? "*" : origin;
    }
  }

  static Optional<PolicyStep> cors(GraphNode node, Compilation compilation) {
    boolean credentials = compilation.literalFlag(node, "allow-credentials", false);
    boolean terminate = compilation.literalFlag(node, "terminate-unmatched-request", true);
    List<String> origins = texts(node, "allowed-origins", "origin");
    if (origins.isEmpty()) {
      compilation.error(node.position(), "<cors> needs at least one <origin> in <allowed-origins>");
      return Optional.empty();
    }
    if (credentials && origins.contains("*")) {
      compilation.error(
          node.position(), "allow-credentials=\"true\" cannot be used with the origin *: list the origins");
      return Optional.empty();
    }
    List<String> methods =
        texts(node, "allowed-methods", "method").stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
    long maxAge =
        node.child("allowed-methods")
            .map(m -> compilation.literalInteger(m, "preflight-result-max-age", 0, 0, Integer.MAX_VALUE))
            .orElse(0L);
    Config config =
        new Config(
            credentials,
            terminate,
            origins,
            methods,
            maxAge,
            texts(node, "allowed-headers", "header"),
            texts(node, "expose-headers", "header"));
    return Optional.of(PolicyStep.of("cors", context -> apply(config, context)));
  }

  private static List<String> texts(GraphNode node, String list, String item) {
    List<String> values = new ArrayList<>();
    node.child(list)
        .ifPresent(
            l -> {
              for (GraphNode child : l.children(item)) {
                child.text().map(v -> v.text().trim()).filter(t -> !t.isEmpty()).ifPresent(values::add);
              }
            });
    return values;
  }

  private static Future<StepOutcome> apply(Config config, PolicyContext context) {
    MultiMap headers = context.serverRequest().headers();
    String origin = headers.get("origin");
    if (origin == null) {
      return Outcomes.CONTINUE;
    }
    String requestedMethod = headers.get("access-control-request-method");
    boolean preflight = context.serverRequest().method().name().equals("OPTIONS") && requestedMethod != null;
    if (preflight) {
      PolicyContext.Response response = context.resetResponse();
      response.status(200, null);
      response.body(Buffer.buffer());
      String requestedHeaders = headers.get("access-control-request-headers");
      boolean matched =
          config.originAllowed(origin)
              && config.methodAllowed(requestedMethod.trim().toUpperCase(Locale.ROOT))
              && config.headersAllowed(requestedHeaders);
      if (matched) {
        MultiMap out = response.headers();
        out.set("access-control-allow-origin", config.allowOrigin(origin));
        out.set("access-control-allow-methods", config.methods().isEmpty() ? "GET, POST, HEAD" : String.join(", ", config.methods()));
        if (requestedHeaders != null && !requestedHeaders.isBlank()) {
          out.set("access-control-allow-headers", config.headers().contains("*") ? requestedHeaders : String.join(", ", config.headers()));
        }
        if (config.allowCredentials()) {
          out.set("access-control-allow-credentials", "true");
        }
        if (config.maxAge() > 0) {
          out.set("access-control-max-age", Long.toString(config.maxAge()));
        }
        out.add("vary", "Origin");
        return Outcomes.END;
      }
      return config.terminateUnmatched()
          ? Outcomes.END
          : Outcomes.CONTINUE;
    }
    if (!config.originAllowed(origin)
        || !config.methodAllowed(context.serverRequest().method().name())) {
      if (config.terminateUnmatched()) {
        PolicyContext.Response response = context.resetResponse();
        response.status(200, null);
        response.body(Buffer.buffer());
        return Outcomes.END;
      }
      return Outcomes.CONTINUE;
    }
    context.beforeSend(
        response -> {
          MultiMap out = response.headers();
          out.set("access-control-allow-origin", config.allowOrigin(origin));
          if (config.allowCredentials()) {
            out.set("access-control-allow-credentials", "true");
          }
          if (!config.exposeHeaders().isEmpty()) {
            out.set("access-control-expose-headers", String.join(", ", config.exposeHeaders()));
          }
          out.add("vary", "Origin");
        });
    return Outcomes.CONTINUE;
  }
}
