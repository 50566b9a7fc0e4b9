package dev.sluice.lint.format;

import dev.sluice.core.SourcePosition;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns positions into the pieces machine formats need. */
final class Locations {

  private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("[A-Za-z]:/.*");

  private Locations() {}

  /**
   * The URI of a file as SARIF and friends want it: relative paths stay relative with forward
   * slashes, absolute ones become {@code file:} URIs, characters URIs cannot hold are
   * percent-encoded.
   */
  static String uri(String file) {
    String path = file.replace('\\', '/');
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    String prefix = "";
    if (WINDOWS_ABSOLUTE.matcher(path).matches()) {
      prefix = "file:///";
    } else if (path.startsWith("/")) {
      prefix = "file://";
    } else if (path.indexOf(':') >= 0 && path.indexOf(':') < indexOfOr(path, '/', path.length())) {
      path = "./" + path; // "a:b.xml" would otherwise read as a URI scheme
    }
    try {
      return prefix + new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot express as a URI path: " + file, e);
    }
  }

  private static int indexOfOr(String text, char c, int otherwise) {
    int index = text.indexOf(c);
    return index < 0 ? otherwise : index;
  }

  /** {@code {"file":..., "line":..., "column":...}} for the JSON format. */
  static Map<String, Object> json(SourcePosition position) {
    Map<String, Object> location = Json.object();
    location.put("file", position.file());
    location.put("line", position.line());
    location.put("column", position.column());
    return location;
  }
}
