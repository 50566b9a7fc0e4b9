package dev.sluice.lint;

import dev.sluice.core.Gateway;
import dev.sluice.core.PolicyDocument;
import dev.sluice.core.SourcePosition;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The gateway a rule fixture is linted in: by default what {@link Linter#lintAsStreamingOperation}
 * builds (one streaming operation, nothing else declared); a {@code fail.properties} or {@code
 * pass.properties} next to the fixture (or a {@code context.properties} for both) declares the facts
 * a rule needs beyond the policy file. Every declared fact is positioned
 * at the fixture's root element, so an EXPECT before {@code <policies>} marks a finding about it.
 *
 * <pre>
 * streaming=false                     the operation is not marked as a stream
 * urlTemplate=/chat/completions       the operation's URL template (default /)
 * maxEventGapSeconds=120              the longest gap between events
 * tier=Consumption                    the gateway's tier
 * frontProxy.responseBuffering=true   a proxy in front that buffers
 * frontProxy.requestTimeoutSeconds=60 a proxy in front with a request timeout
 * logging.frontend.response=1024      gateway-wide request logging of that many body bytes
 * namedValue.NAME=VALUE               a named value
 * </pre>
 */
public final class FixtureGateway {

  private FixtureGateway() {}

  /** {@code fail.properties} for {@code fail.xml}, else the folder's {@code context.properties}. */
  public static Properties context(Path fixture) {
    Properties properties = new Properties();
    String name = fixture.getFileName().toString().replaceFirst("\\.xml$", ".properties");
    Path file = fixture.resolveSibling(name);
    if (!Files.isRegularFile(file)) {
      file = fixture.resolveSibling("context.properties");
    }
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }
    return properties;
  }

  public static Gateway gateway(PolicyDocument document, Properties context) {
    SourcePosition at = document.root().position();
    boolean streaming = !"false".equals(context.getProperty("streaming"));
    Optional<Duration> gap =
        Optional.ofNullable(context.getProperty("maxEventGapSeconds")).map(s -> Duration.ofSeconds(Long.parseLong(s)));
    Gateway.Operation operation =
        new Gateway.Operation(
            Linter.LONE_API, Linter.LONE_OPERATION, Gateway.Operation.ANY_METHOD,
            context.getProperty("urlTemplate", "/"), Optional.of(document), streaming, gap, at);
    Gateway.Api api =
        new Gateway.Api(Linter.LONE_API, "", Optional.empty(), Optional.empty(), List.of(operation), at);
    Optional<Gateway.FrontProxy> proxy = Optional.empty();
    if (context.containsKey("frontProxy.responseBuffering") || context.containsKey("frontProxy.requestTimeoutSeconds")) {
      proxy =
          Optional.of(
              new Gateway.FrontProxy(
                  Optional.ofNullable(context.getProperty("frontProxy.responseBuffering")).map(Boolean::parseBoolean),
                  Optional.ofNullable(context.getProperty("frontProxy.requestTimeoutSeconds"))
                      .map(s -> Duration.ofSeconds(Long.parseLong(s))),
                  at));
    }
    List<Gateway.BodyLogging> bodies = new ArrayList<>();
    Map<String, Gateway.NamedValue> namedValues = new LinkedHashMap<>();
    for (String key : context.stringPropertyNames().stream().sorted().toList()) {
      if (key.startsWith("logging.")) {
        bodies.add(new Gateway.BodyLogging(key.substring("logging.".length()), Long.parseLong(context.getProperty(key)), at));
      } else if (key.startsWith("namedValue.")) {
        String name = key.substring("namedValue.".length());
        namedValues.put(name, new Gateway.NamedValue(name, Optional.of(context.getProperty(key)), false, at));
      }
    }
    List<Gateway.LoggingSettings> logging =
        bodies.isEmpty() ? List.of() : List.of(new Gateway.LoggingSettings("applicationinsights", Optional.empty(), bodies, at));
    return new Gateway(
        Optional.empty(), List.of(), List.of(api), Map.of(), namedValues,
        Optional.ofNullable(context.getProperty("tier")), proxy, logging, at);
  }
}
