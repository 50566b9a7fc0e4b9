package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code sluice demo}, run in-process on port 0, read through the gateway by a real HTTP client. */
class DemoCommandTest {
  private static final Pattern LISTENING = Pattern.compile("gateway listening on http://127\\.0\\.0\\.1:(\\d+)");

  @Test
  void demo_streams_clock_ticks_and_chat_tokens_through_the_gateway_then_stops_by_itself() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine(Path.of("").toAbsolutePath());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> commandLine.execute("demo", "--port", "0", "--duration", "15"));

    int port = awaitPort(out, exit);
    assertThat(out.toString()).contains("curl -N http://127.0.0.1:" + port + "/clock/ticks");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    HttpResponse<java.io.InputStream> clock = open(client, "http://127.0.0.1:" + port + "/clock/ticks");
    assertThat(clock.statusCode()).isEqualTo(200);
    assertThat(clock.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    assertThat(clock.headers().firstValue("x-gateway")).hasValue("sluice-demo");
    List<String> ticks = readData(clock, 2, line -> false);
    assertThat(ticks).hasSize(2);
    assertThat(ticks.get(0)).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    assertThat(ticks.get(1)).isGreaterThan(ticks.get(0));

    HttpResponse<java.io.InputStream> chat = open(client, "http://127.0.0.1:" + port + "/chat/stream");
    assertThat(chat.statusCode()).isEqualTo(200);
    List<String> tokens = readData(chat, 100, "[DONE]"::equals);
    assertThat(tokens).last().isEqualTo("[DONE]");
    assertThat(String.join(" ", tokens.subList(0, tokens.size() - 1)))
        .isEqualTo("Sluice relays every event the moment it arrives.");

    HttpResponse<java.io.InputStream> french = open(client, "http://127.0.0.1:" + port + "/chat/stream?lang=fr");
    assertThat(readData(french, 100, "[DONE]"::equals)).startsWith("Sluice", "relaie").endsWith("[DONE]");

    HttpResponse<String> refused =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat/stream?lang=de"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).isEqualTo("lang must be en or fr");

    assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
    assertThat(out.toString()).contains("sluice: stopped");
  }

  private static int awaitPort(StringWriter out, CompletableFuture<Integer> exit) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = LISTENING.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      assertThat(exit).as("demo ended early: " + out).isNotDone();
      Thread.sleep(50);
    }
    throw new AssertionError("the demo did not start within 60 s: " + out);
  }

  private static HttpResponse<java.io.InputStream> open(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  /** The {@code data:} values of a stream, up to {@code max} of them or the one {@code last} accepts. */
  private static List<String> readData(
      HttpResponse<java.io.InputStream> response, int max, java.util.function.Predicate<String> last)
      throws Exception {
    List<String> data = new ArrayList<>();
    CompletableFuture<Void> reading =
        CompletableFuture.runAsync(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while (data.size() < max && (line = reader.readLine()) != null) {
                  if (line.startsWith("data: ")) {
                    String value = line.substring(6);
                    synchronized (data) {
                      data.add(value);
                    }
                    if (last.test(value)) {
                      return;
                    }
                  }
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    reading.get(30, TimeUnit.SECONDS);
    synchronized (data) {
      return List.copyOf(data);
    }
  }
}
