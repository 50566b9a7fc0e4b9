package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Gateway;
import dev.sluice.core.SourcePosition;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationGlobTest {

  private static Gateway.Operation op(String api, String id) {
    return new Gateway.Operation(api, id, "GET", "/", Optional.empty(), false, Optional.empty(), SourcePosition.UNKNOWN);
  }

  @Test
  void star_stays_within_a_segment_double_star_crosses_it() {
    assertThat(OperationGlob.of("chat-api/stream-*").matches(op("chat-api", "stream-completions"))).isTrue();
    assertThat(OperationGlob.of("chat-api/stream-*").matches(op("chat-api", "create"))).isFalse();
    assertThat(OperationGlob.of("*").matches(op("chat-api", "create"))).isFalse();
    assertThat(OperationGlob.of("**").matches(op("chat-api", "create"))).isTrue();
    assertThat(OperationGlob.of("*/ticks").matches(op("clock", "ticks"))).isTrue();
    assertThat(OperationGlob.of("clock/tick?").matches(op("clock", "ticks"))).isTrue();
  }

  @Test
  void regex_characters_match_themselves() {
    assertThat(OperationGlob.of("a.b/(x)").matches(op("a.b", "(x)"))).isTrue();
    assertThat(OperationGlob.of("a.b/(x)").matches(op("axb", "(x)"))).isFalse();
  }
}
