package dev.sluice.runtime;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of {@link Route}s, matched most specific first: the longest API path, then the
 * most literal segments, then routes without a catch-all, then declaration order. Thread-safe.
 */
public final class RoutingTable {
  private static final RoutingTable EMPTY = new RoutingTable(List.of());

  private final List<Route> routes;
  private final List<Compiled> ordered;

  private RoutingTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
    List<Compiled> compiled = new ArrayList<>();
    for (int i = 0; i < this.routes.size(); i++) {
      Route route = this.routes.get(i);
      compiled.add(
          new Compiled(route, Route.segments(route.urlTemplate()), i, serviceBase(route.serviceUrl())));
    }
    compiled.sort(
        Comparator.comparingInt((Compiled c) -> -c.route.apiPath().length())
            .thenComparingInt(c -> -c.literals())
            .thenComparing(c -> c.hasRest())
            .thenComparingInt(c -> c.index));
    this.ordered = List.copyOf(compiled);
  }

  public static RoutingTable of(List<Route> routes) {
    return new RoutingTable(routes);
  }

  public static RoutingTable empty() {
    return EMPTY;
  }

  /** The routes, in declaration order. */
  public List<Route> routes() {
    return routes;
  }

  /** The route for a method and a raw (still percent-encoded) path and query, if any. */
  Optional<RouteMatch> match(String method, String path, String query) {
    for (Compiled candidate : ordered) {
      Optional<RouteMatch> match = candidate.match(method, path, query);
      if (match.isPresent()) {
        return match;
      }
    }
    return Optional.empty();
  }

  /** The service URL without query and trailing slash; the request path is appended to it. */
  private static BackendTarget serviceBase(URI serviceUrl) {
    BackendTarget base = BackendTarget.of(serviceUrl);
    String path = base.requestUri();
    int cut = path.indexOf('?');
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return base.withRequestUri(path);
  }

  private record Compiled(Route route, List<Route.Segment> segments, int index, BackendTarget base) {
    int literals() {
      return (int) segments.stream().filter(s -> !s.parameter()).count();
    }

    boolean hasRest() {
      return !segments.isEmpty() && segments.get(segments.size() - 1).rest();
    }

    Optional<RouteMatch> match(String method, String path, String query) {
      if (!route.method().equals("*") && !route.method().equals(method)) {
        return Optional.empty();
      }
      String api = route.apiPath();
      if (!path.startsWith(api)) {
        return Optional.empty();
      }
      String remainder = path.substring(api.length());
      if (!remainder.startsWith("/")) {
        return Optional.empty();
      }
      String[] parts = remainder.substring(1).split("/", -1);
      // Most operations bind no parameter: the map is made only when one is bound.
      Map<String, String> parameters = Map.of();
      int i = 0;
      for (; i < segments.size(); i++) {
        Route.Segment segment = segments.get(i);
        if (segment.rest()) {
          String rest = String.join("/", java.util.Arrays.asList(parts).subList(Math.min(i, parts.length), parts.length));
          parameters = bind(parameters, segment.text(), decode(rest));
          return Optional.of(new RouteMatch(route, parameters, backendUrl(remainder, query)));
        }
        if (i >= parts.length) {
          return Optional.empty();
        }
        if (segment.parameter()) {
          if (parts[i].isEmpty()) {
            return Optional.empty();
          }
          parameters = bind(parameters, segment.text(), decode(parts[i]));
        } else if (!segment.text().equals(parts[i])) {
          return Optional.empty();
        }
      }
      if (i != parts.length) {
        return Optional.empty();
      }
      return Optional.of(new RouteMatch(route, parameters, backendUrl(remainder, query)));
    }

    private BackendTarget backendUrl(String remainder, String query) {
      String uri = base.requestUri() + remainder;
      return base.withRequestUri(query == null || query.isEmpty() ? uri : uri + "?" + query);
    }

    private static Map<String, String> bind(Map<String, String> parameters, String name, String value) {
      Map<String, String> bound = parameters.isEmpty() ? new LinkedHashMap<>() : parameters;
      bound.put(name, value);
      return bound;
    }

    private static String decode(String raw) {
      if (raw.indexOf('%') < 0) {
        return raw;
      }
      // '+' is a literal in a path; only percent escapes are decoded.
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }

  /** A matched route with its bound template parameters and the backend URL. */
  record RouteMatch(Route route, Map<String, String> parameters, BackendTarget target) {
    RouteMatch {
      parameters = Map.copyOf(parameters);
    }

    URI backendUrl() {
      return target.toUri();
    }
  }
}
