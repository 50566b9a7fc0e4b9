package dev.sluice.runtime;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Header rules every hop must follow (RFC 9110 section 7.6.1), in both directions. Runs on every
 * exchange, so it copies at most once and allocates nothing when no hop-by-hop field is present.
 */
final class HttpHygiene {
  private HttpHygiene() {}

  private static final String[] HOP_BY_HOP = {
    "connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"
  };

  /**
   * A copy without hop-by-hop fields: the fixed set, every {@code Proxy-*} field, and every field
   * the Connection header names.
   */
  static MultiMap endToEnd(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    strip(copy);
    return copy;
  }

  /** Removes the hop-by-hop fields of {@link #endToEnd} in place. */
  static void strip(MultiMap headers) {
    List<String> named = null;
    for (String value : headers.getAll("connection")) {
      for (String token : value.split(",")) {
        String name = token.trim();
        if (!name.isEmpty()) {
          if (named == null) {
            named = new ArrayList<>(2);
          }
          named.add(name);
        }
      }
    }
    if (named != null) {
      named.forEach(headers::remove);
    }
    for (String name : HOP_BY_HOP) {
      headers.remove(name);
    }
    List<String> proxy = null;
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey();
      if (name.regionMatches(true, 0, "proxy-", 0, 6)) {
        if (proxy == null) {
          proxy = new ArrayList<>(2);
        }
        proxy.add(name);
      }
    }
    if (proxy != null) {
      proxy.forEach(headers::remove);
    }
  }

  /** Whether a Content-Type denotes a Server-Sent Events stream. */
  static boolean isEventStream(String contentType) {
    if (contentType == null) {
      return false;
    }
    int start = 0;
    while (start < contentType.length() && Character.isWhitespace(contentType.charAt(start))) {
      start++;
    }
    return contentType.regionMatches(true, start, "text/event-stream", 0, 17);
  }

  /** Appends a value to a comma-separated list header. */
  static void appendToList(MultiMap headers, String name, String value) {
    String existing = headers.get(name);
    headers.set(name, existing == null || existing.isBlank() ? value : existing + ", " + value);
  }
}
