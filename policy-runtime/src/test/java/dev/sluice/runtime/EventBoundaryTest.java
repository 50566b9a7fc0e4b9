package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventBoundaryTest {

  private static boolean boundaryAfter(String... chunks) {
    StreamRelay.EventBoundary boundary = new StreamRelay.EventBoundary();
    for (String chunk : chunks) {
      boundary.update(Buffer.buffer(chunk.replace("LF", "\n").replace("CR", "\r")));
    }
    return boundary.atBoundary();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "'data: aLFLF', '', true",
    "'data: aCRLFCRLF', '', true",
    "'data: aCRCR', '', true",
    "'data: aLF', '', false",
    "'data: aCRLF', '', false",
    "'data: a', '', false",
    "'data: aLF', 'LF', true",
    "'data: aCRLF', 'CRLF', true",
    "'data: aCR', 'LF', false",
    "'data: aLFLF', 'data: b', false",
    "'data: aLFLFdata: bLF', 'id: 2LF', false",
  })
  void detects_a_blank_line_across_chunks(String first, String second, boolean expected) {
    assertThat(boundaryAfter(first, second)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"''"})
  void start_of_stream_is_a_boundary(String nothing) {
    assertThat(boundaryAfter(nothing)).isTrue();
  }
}
