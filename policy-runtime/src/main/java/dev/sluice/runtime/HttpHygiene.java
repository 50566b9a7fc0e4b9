package dev.sluice.runtime;

import io.vertx.core.MultiMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Header rules every hop must follow (RFC 9110 section 7.6.1), in both directions. */
final class HttpHygiene {
  private HttpHygiene() {}

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade");

  /**
   * A copy without hop-by-hop fields: the fixed set, every {@code Proxy-*} field, and every field
   * the Connection header names.
   */
  static MultiMap endToEnd(MultiMap headers) {
    Set<String> named = new HashSet<>();
    for (String value : headers.getAll("connection")) {
      for (String token : value.split(",")) {
        String name = token.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty()) {
          named.add(name);
        }
      }
    }
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!HOP_BY_HOP.contains(name) && !name.startsWith("proxy-") && !named.contains(name)) {
        copy.add(header.getKey(), header.getValue());
      }
    }
    return copy;
  }

  /** Whether a Content-Type denotes a Server-Sent Events stream. */
  static boolean isEventStream(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  /** Appends a value to a comma-separated list header. */
  static void appendToList(MultiMap headers, String name, String value) {
    String existing = headers.get(name);
    headers.set(name, existing == null || existing.isBlank() ? value : existing + ", " + value);
  }
}
