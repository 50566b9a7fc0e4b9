package dev.sluice.bench.load;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An incremental parser of a {@code text/event-stream} body, fed in chunks of any size: a chunk may
 * end anywhere, inside a field name, a value, a {@code \r\n} pair or between the two newlines that
 * end an event.
 *
 * <p>It follows the parts of the HTML event-stream format the load client needs: lines end with
 * {@code \n} or {@code \r\n} (a lone {@code \r} is not a line end here); a line starting with
 * {@code :} is a comment and ignored; {@code data} lines of one event are joined with {@code \n};
 * {@code id} sets the event id; other fields are ignored; an empty line dispatches the event if it
 * has data. A line longer than {@code maxLineBytes} is a protocol error: it is counted in {@link
 * #errors()} and skipped.
 *
 * <p>Not thread-safe: one parser per stream, fed from the stream's event loop.
 */
final class SseEventParser {

  /** One dispatched event; {@code id} is empty when the event had none. */
  record Event(String id, String data) {
    Event {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(data, "data");
    }
  }

  private final Consumer<Event> sink;
  private final int maxLineBytes;
  private byte[] line = new byte[256];
  private int lineLength;
  private boolean skippingLongLine;
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String id = "";
  private long errors;

  SseEventParser(Consumer<Event> sink) {
    this(sink, 64 * 1024);
  }

  SseEventParser(Consumer<Event> sink, int maxLineBytes) {
    this.sink = Objects.requireNonNull(sink, "sink");
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
  }

  void feed(Buffer chunk) {
    feed(chunk.getBytes());
  }

  void feed(byte[] chunk) {
    for (byte b : chunk) {
      if (b == '\n') {
        if (skippingLongLine) {
          skippingLongLine = false;
        } else {
          int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
          processLine(end);
        }
        lineLength = 0;
      } else if (!skippingLongLine) {
        if (lineLength == maxLineBytes) {
          errors++;
          skippingLongLine = true;
          lineLength = 0;
        } else {
          if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
          }
          line[lineLength++] = b;
        }
      }
    }
  }

  /** Lines longer than the limit seen so far. */
  long errors() {
    return errors;
  }

  private void processLine(int length) {
    if (length == 0) {
      if (hasData) {
        sink.accept(new Event(id, data.toString()));
      }
      data.setLength(0);
      hasData = false;
      return;
    }
    if (line[0] == ':') {
      return;
    }
    int colon = -1;
    for (int i = 0; i < length; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
    }
    String field;
    String value;
    if (colon < 0) {
      field = new String(line, 0, length, StandardCharsets.UTF_8);
      value = "";
    } else {
      field = new String(line, 0, colon, StandardCharsets.UTF_8);
      int start = colon + 1;
      if (start < length && line[start] == ' ') {
        start++;
      }
      value = new String(line, start, length - start, StandardCharsets.UTF_8);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "id" -> id = value;
      default -> {
        // event, retry and unknown fields do not matter to the load client.
      }
    }
  }
}
