package dev.sluice.runtime;

import java.net.URI;
import java.util.Objects;

/**
 * Where a backend request goes, kept as the parts the HTTP client needs, so that the common case
 * (the route's service URL plus the request's path) costs no URI parsing per request.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host host name or address literal (IPv6 without brackets)
 * @param port explicit or default port
 * @param origin scheme and authority as the URL spelled them, such as {@code http://h:8080}
 * @param requestUri raw path and query, starting with {@code /}
 */
record BackendTarget(String scheme, String host, int port, String origin, String requestUri) {

  BackendTarget {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(requestUri, "requestUri");
  }

  boolean ssl() {
    return scheme.equals("https");
  }

  /** The same target for another raw path and query. */
  BackendTarget withRequestUri(String value) {
    return new BackendTarget(scheme, host, port, origin, value);
  }

  /** The parts of an absolute http(s) URL; throws IllegalArgumentException if it is not one. */
  static BackendTarget of(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
    }
    String host = url.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String query = url.getRawQuery();
    String origin = url.getScheme() + "://" + url.getRawAuthority();
    return new BackendTarget(scheme, host, port, origin, query == null ? path : path + "?" + query);
  }

  URI toUri() {
    return URI.create(origin + requestUri);
  }
}
