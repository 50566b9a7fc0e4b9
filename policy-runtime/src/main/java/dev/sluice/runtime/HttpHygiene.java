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

  /**
   * A copy without hop-by-hop fields: the fixed set, every {@code Proxy-*} field, and every field
   * the Connection header names.
   */
  static MultiMap endToEnd(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    strip(copy);
    return copy;
  }

  /**
   * Removes the hop-by-hop fields of {@link #endToEnd} in place. One pass over the fields finds
   * them; the map is changed only when there is one (most exchanges have none).
   */
  static void strip(MultiMap headers) {
    List<String> doomed = null;
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey();
      if (!isHopByHop(name)) {
        continue;
      }
      if (doomed == null) {
        doomed = new ArrayList<>(4);
      }
      doomed.add(name);
      if (name.equalsIgnoreCase("connection")) {
        for (String token : header.getValue().split(",")) {
          String named = token.trim();
          if (!named.isEmpty()) {
            doomed.add(named);
          }
        }
      }
    }
    if (doomed != null) {
      doomed.forEach(headers::remove);
    }
  }

  /** Connection, Keep-Alive, TE, Trailer, Transfer-Encoding, Upgrade, and any Proxy-* field. */
  static boolean isHopByHop(String name) {
    switch (name.length()) {
      case 2:
        return name.equalsIgnoreCase("te");
      case 7:
        return name.equalsIgnoreCase("trailer") || name.equalsIgnoreCase("upgrade");
      case 10:
        if (name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive")) {
          return true;
        }
        break;
      case 17:
        if (name.equalsIgnoreCase("transfer-encoding")) {
          return true;
        }
        break;
      default:
        break;
    }
    return name.length() > 6 && name.regionMatches(true, 0, "proxy-", 0, 6);
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
