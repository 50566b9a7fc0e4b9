package dev.sluice.runtime;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

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
   * them ({@code forEach}, which walks the map without an iterator's entry objects); the map is
   * changed only when there is one, which most exchanges do not have.
   */
  static void strip(MultiMap headers) {
    HopScan scan = new HopScan();
    headers.forEach(scan);
    if (scan.doomed != null) {
      scan.doomed.forEach(headers::remove);
    }
  }

  /** Collects the hop-by-hop names of a header map, and the names its Connection fields list. */
  private static final class HopScan implements BiConsumer<String, String> {
    List<String> doomed;

    @Override
    public void accept(String name, String value) {
      if (!isHopByHop(name)) {
        return;
      }
      if (doomed == null) {
        doomed = new ArrayList<>(4);
      }
      doomed.add(name);
      if (name.equalsIgnoreCase("connection")) {
        addConnectionTokens(value, doomed);
      }
    }
  }

  /** Adds the field names a Connection header value lists (comma-separated, trimmed). */
  private static void addConnectionTokens(String value, List<String> into) {
    for (String token : value.split(",")) {
      String named = token.trim();
      if (!named.isEmpty()) {
        into.add(named);
      }
    }
  }

  /**
   * Adds the end-to-end fields of {@code from} to {@code to}: one pass, no intermediate copy.
   */
  static void copyEndToEnd(MultiMap from, MultiMap to) {
    List<String> named = null;
    for (Map.Entry<String, String> header : from) {
      String name = header.getKey();
      if (!isHopByHop(name)) {
        to.add(name, header.getValue());
      } else if (name.equalsIgnoreCase("connection")) {
        if (named == null) {
          named = new ArrayList<>(2);
        }
        addConnectionTokens(header.getValue(), named);
      }
    }
    if (named != null) {
      named.forEach(to::remove);
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
  static void appendToList(MultiMap headers, CharSequence name, String value) {
    String existing = headers.get(name);
    headers.set(name, existing == null || existing.isBlank() ? value : existing + ", " + value);
  }
}
