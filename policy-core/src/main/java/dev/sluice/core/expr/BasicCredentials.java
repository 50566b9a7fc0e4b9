package dev.sluice.core.expr;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * APIM's {@code BasicAuthCredentials} ({@code UserId}, {@code Password}), decoded by {@code
 * string.AsBasic()} or {@code TryParseBasic} from an HTTP Basic {@code Authorization} value.
 */
record BasicCredentials(String userId, String password) {

  /**
   * Decodes {@code Basic <base64(user:password)>} (the scheme name is optional and
   * case-insensitive). Returns null when the text is not base64 of UTF-8 text with a colon.
   */
  static BasicCredentials parse(String text) {
    if (text == null) {
      return null;
    }
    String value = text.strip();
    if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
      value = value.substring(6).strip();
    }
    if (value.isEmpty()) {
      return null;
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(value);
      decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      // Not base64 of UTF-8 text: not Basic credentials, which AsBasic reports as null.
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  @Override
  public String toString() {
    return "BasicAuthCredentials";
  }
}
