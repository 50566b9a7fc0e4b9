package dev.sluice.core.expr;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * APIM's {@code Jwt}: a JSON Web Token decoded by {@code string.AsJwt()} or {@code TryParseJwt}.
 *
 * <p>Only decoded, never validated: the signature, expiry and audience are not checked (that is
 * {@code validate-jwt}'s job). Text and date members are null when the token lacks the claim (or
 * it has the wrong JSON type); {@code audiences} is then empty; {@code claims} holds every payload claim by its case-sensitive name, each as its values
 * (a JSON array gives one value per item, a string or number one value, an object its compact JSON).
 */
record Jwt(
    String algorithm,
    String type,
    List<String> audiences,
    Map<String, List<String>> claims,
    LocalDateTime expirationTime,
    String id,
    String issuer,
    LocalDateTime issuedAt,
    LocalDateTime notBefore,
    String subject) {

  /**
   * Decodes {@code text}, a compact JWS ({@code header.payload.signature}) optionally preceded by
   * the {@code Bearer} scheme, as an {@code Authorization} header carries it. Returns null when the
   * text is not such a token: wrong number of parts, bad base64url, bad UTF-8, or a header or
   * payload that is not a JSON object. A budget failure while parsing is not caught.
   */
  static Jwt parse(String text, Frame frame) {
    if (text == null) {
      return null;
    }
    String token = text.strip();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).strip();
    }
    frame.size(token.length());
    String[] parts = token.split("\\.", -1);
    // Three parts is a JWS; five would be an encrypted JWE, whose payload cannot be read here.
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      return null;
    }
    JObject header = jsonObject(parts[0], frame);
    JObject payload = header == null ? null : jsonObject(parts[1], frame);
    if (payload == null) {
      return null;
    }
    Map<String, List<String>> claims = new LinkedHashMap<>();
    for (JProperty p : payload.properties.values()) {
      claims.put(p.name, claimValues(p.value, frame));
    }
    List<String> audiences = claims.getOrDefault("aud", List.of());
    return new Jwt(
        text(header, "alg"),
        text(header, "typ"),
        audiences,
        Collections.unmodifiableMap(claims),
        date(payload, "exp"),
        text(payload, "jti"),
        text(payload, "iss"),
        date(payload, "iat"),
        date(payload, "nbf"),
        text(payload, "sub"));
  }

  private static JObject jsonObject(String part, Frame frame) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String json;
    try {
      json = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
    try {
      return JsonText.parse(json, frame) instanceof JObject o ? o : null;
    } catch (ScriptException e) {
      // Not JSON: not a token, which AsJwt reports as null rather than as a failure.
      return null;
    }
  }

  private static List<String> claimValues(JToken value, Frame frame) {
    List<String> out = new ArrayList<>();
    if (value instanceof JArray array) {
      for (JToken item : array.items) {
        out.add(claimText(item, frame));
      }
    } else if (!(value instanceof JValue v && v.value == null)) {
      out.add(claimText(value, frame));
    }
    return List.copyOf(out);
  }

  /** A claim value as text: strings as they are, other primitives as JSON, containers compact. */
  private static String claimText(JToken token, Frame frame) {
    if (token instanceof JValue v) {
      if (v.value instanceof Boolean b) {
        return b.toString().toLowerCase(Locale.ROOT);
      }
      return v.toString();
    }
    return token.toJson(false, frame);
  }

  private static String text(JObject o, String name) {
    JProperty p = o.properties.get(name);
    return p != null && p.value instanceof JValue v && v.value instanceof String s ? s : null;
  }

  /** A NumericDate claim (seconds since the epoch, possibly fractional), or null. */
  private static LocalDateTime date(JObject o, String name) {
    JProperty p = o.properties.get(name);
    if (p == null || !(p.value instanceof JValue v) || !(v.value instanceof Number n)) {
      return null;
    }
    double seconds = n.doubleValue();
    // DateTime's range: years 1 to 9999.
    if (Double.isNaN(seconds) || seconds < -62_135_596_800d || seconds > 253_402_300_799d) {
      return null;
    }
    long whole = (long) Math.floor(seconds);
    int nanos = (int) Math.round((seconds - whole) * 1_000_000_000d) / 100 * 100;
    return LocalDateTime.ofEpochSecond(whole, Math.min(nanos, 999_999_900), ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return "Jwt";
  }
}
