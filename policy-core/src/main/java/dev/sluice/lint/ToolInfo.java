package dev.sluice.lint;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Properties;

/**
 * The tool named in machine-readable reports: name, version, the absolute URI of its home page,
 * and the absolute base URI against which a rule's {@link RuleInfo#helpPath()} resolves.
 */
public record ToolInfo(String name, String version, String informationUri, String docsBaseUri) {

  /**
   * The project's home, named after its Maven group {@code dev.sluice}; rule pages resolve under
   * {@link #DOCS_BASE_URI}, which mirrors the repository's {@code docs/} folder.
   */
  public static final String HOME_URI = "https://sluice.dev/";

  public static final String DOCS_BASE_URI = HOME_URI;

  private static final ToolInfo CURRENT =
      new ToolInfo("sluice", readVersion(), HOME_URI, DOCS_BASE_URI);

  public ToolInfo {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    checkArgument(URI.create(informationUri).isAbsolute(), "not absolute: %s", informationUri);
    checkArgument(
        URI.create(docsBaseUri).isAbsolute() && docsBaseUri.endsWith("/"),
        "docs base must be absolute and end with '/': %s",
        docsBaseUri);
  }

  /** This build of Sluice. */
  public static ToolInfo current() {
    return CURRENT;
  }

  /** The absolute URI of a rule's documentation page. */
  public String helpUri(RuleInfo rule) {
    return docsBaseUri + rule.helpPath();
  }

  private static String readVersion() {
    try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled tool.properties", e);
    }
  }
}
