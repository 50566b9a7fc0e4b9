package dev.sluice.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.bench.load.SseEventParser.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventParserTest {
  private static final String STREAM =
      ": keep-alive\n\n"
          + "id: 1\ndata: 123 xxxx\n\n"
          + "id: 2\r\ndata: first\r\ndata: second\r\n\r\n"
          + "event: tick\nid: 3\ndata:no-space\nretry: 5\n\n"
          + "id: 4\n\n" // no data: not dispatched
          + "data: \u00e9t\u00e9\n\n";

  private static final List<Event> EXPECTED =
      List.of(
          new Event("1", "123 xxxx"),
          new Event("2", "first\nsecond"),
          new Event("3", "no-space"),
          new Event("4", "\u00e9t\u00e9"));

  @Test
  void parses_events_fed_in_one_chunk() {
    List<Event> events = new ArrayList<>();
    SseEventParser parser = new SseEventParser(events::add);
    parser.feed(STREAM.getBytes(StandardCharsets.UTF_8));
    assertThat(events).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void parses_events_split_at_every_possible_byte() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < bytes.length; cut++) {
      List<Event> events = new ArrayList<>();
      SseEventParser parser = new SseEventParser(events::add);
      parser.feed(Arrays.copyOfRange(bytes, 0, cut));
      parser.feed(Arrays.copyOfRange(bytes, cut, bytes.length));
      assertThat(events).as("split at byte %d", cut).containsExactlyElementsOf(EXPECTED);
    }
  }

  @Test
  void parses_events_fed_one_byte_at_a_time() {
    List<Event> events = new ArrayList<>();
    SseEventParser parser = new SseEventParser(events::add);
    for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
      parser.feed(new byte[] {b});
    }
    assertThat(events).containsExactlyElementsOf(EXPECTED);
  }

  @Test
  void holds_an_event_until_its_blank_line_arrives() {
    List<Event> events = new ArrayList<>();
    SseEventParser parser = new SseEventParser(events::add);
    parser.feed("id: 7\ndata: 42\n".getBytes(StandardCharsets.UTF_8));
    assertThat(events).isEmpty();
    parser.feed("\n".getBytes(StandardCharsets.UTF_8));
    assertThat(events).containsExactly(new Event("7", "42"));
  }

  @Test
  void skips_a_line_over_the_limit_and_counts_it() {
    List<Event> events = new ArrayList<>();
    SseEventParser parser = new SseEventParser(events::add, 16);
    parser.feed(("data: " + "y".repeat(40) + "\n\ndata: ok\n\n").getBytes(StandardCharsets.UTF_8));
    assertThat(parser.errors()).isEqualTo(1);
    assertThat(events).containsExactly(new Event("", "ok"));
  }
}
