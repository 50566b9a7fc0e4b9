package dev.sluice.runtime;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One operation of one API: where its requests come in, where they go, and its compiled pipeline.
 *
 * <p>A request matches when its path starts with {@code apiPath} (at a segment boundary), its method
 * equals {@code method} ({@code *} for any), and the rest of the path matches {@code urlTemplate}
 * segment by segment: a literal segment matches itself, {@code {name}} matches any one segment and
 * binds it (percent-decoded), and a final {@code {*name}} binds the rest of the path. The backend
 * URL is {@code serviceUrl} followed by the rest of the path and the original query string.
 *
 * @param apiPath path prefix of the API, {@code ""} or starting with {@code /}; a trailing slash is
 *     dropped
 * @param method HTTP method in upper case, or {@code *}
 * @param urlTemplate operation template starting with {@code /}, such as {@code /chats/{id}}
 * @param serviceUrl absolute http(s) URL of the backend service
 * @param pipeline the operation's compiled policy
 */
public record Route(
    String apiPath, String method, String urlTemplate, URI serviceUrl, Pipeline pipeline) {

  public Route {
    Objects.requireNonNull(apiPath, "apiPath");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
    Objects.requireNonNull(serviceUrl, "serviceUrl");
    Objects.requireNonNull(pipeline, "pipeline");
    if (!apiPath.isEmpty() && !apiPath.startsWith("/")) {
      throw new IllegalArgumentException("apiPath must be empty or start with '/': " + apiPath);
    }
    while (apiPath.endsWith("/")) {
      apiPath = apiPath.substring(0, apiPath.length() - 1);
    }
    method = method.toUpperCase(Locale.ROOT);
    if (!urlTemplate.startsWith("/")) {
      throw new IllegalArgumentException("urlTemplate must start with '/': " + urlTemplate);
    }
    String scheme = serviceUrl.getScheme();
    if (!serviceUrl.isAbsolute()
        || serviceUrl.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException("serviceUrl must be an absolute http(s) URL: " + serviceUrl);
    }
    segments(urlTemplate);
  }

  /** Parses a template into segments; rejects a catch-all that is not last. */
  static List<Segment> segments(String template) {
    String[] parts = template.substring(1).split("/", -1);
    List<Segment> result = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
        String name = part.substring(1, part.length() - 1);
        boolean rest = name.startsWith("*");
        if (rest) {
          name = name.substring(1);
          if (i != parts.length - 1 || name.isEmpty()) {
            throw new IllegalArgumentException("{*name} must be the last segment: " + template);
          }
        }
        result.add(new Segment(name, true, rest));
      } else if (part.contains("{") || part.contains("}")) {
        throw new IllegalArgumentException("a parameter must fill a whole segment: " + template);
      } else {
        result.add(new Segment(part, false, false));
      }
    }
    return List.copyOf(result);
  }

  /** One template segment: a literal, a one-segment parameter, or a trailing catch-all. */
  record Segment(String text, boolean parameter, boolean rest) {}
}
