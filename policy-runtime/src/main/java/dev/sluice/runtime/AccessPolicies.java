package dev.sluice.runtime;

import dev.sluice.core.graph.GraphNode;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies that admit or refuse callers, and trace. */
final class AccessPolicies {
  private AccessPolicies() {}

  private static final Future<StepOutcome> CONTINUE = Outcomes.CONTINUE;

  /**
   * check-header: the request must carry the header, with one of the listed values when there are
   * any; otherwise the exchange fails with the configured status and message ({@code
   * HeaderNotFound} or {@code HeaderValueNotAllowed}, as APIM names them).
   */
  static Optional<PolicyStep> checkHeader(GraphNode node, Compilation compilation) {
    Optional<TextValue> name = compilation.required(node, "name");
    long status = compilation.literalInteger(node, "failed-check-httpcode", 401, 100, 599);
    Optional<TextValue> message =
        compilation.attribute(node, "failed-check-error-message", "The request was refused");
    boolean ignoreCase = compilation.literalFlag(node, "ignore-case", false);
    List<TextValue> values = new ArrayList<>();
    for (GraphNode value : node.children("value")) {
      compilation.text(value).ifPresent(values::add);
    }
    if (name.isEmpty() || message.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "check-header",
            context -> {
              List<String> present = context.request().headers().getAll(name.get().text(context));
              if (present.isEmpty()) {
                throw new PolicyFailure((int) status, "HeaderNotFound", message.get().text(context));
              }
              if (values.isEmpty()) {
                return CONTINUE;
              }
              for (TextValue allowed : values) {
                String expected = allowed.text(context);
                for (String actual : present) {
                  if (ignoreCase ? actual.equalsIgnoreCase(expected) : actual.equals(expected)) {
                    return CONTINUE;
                  }
                }
              }
              throw new PolicyFailure((int) status, "HeaderValueNotAllowed", message.get().text(context));
            }));
  }

  private record Range(BigInteger from, BigInteger to, int length) {
    boolean contains(byte[] address) {
      if (address.length != length) {
        return false;
      }
      BigInteger value = new BigInteger(1, address);
      return value.compareTo(from) >= 0 && value.compareTo(to) <= 0;
    }
  }

  /** ip-filter: allows or forbids the caller's address (literal addresses and ranges, IPv4/IPv6). */
  static Optional<PolicyStep> ipFilter(GraphNode node, Compilation compilation) {
    Optional<String> action = node.attributeText("action").map(String::trim);
    if (action.isEmpty() || !(action.get().equals("allow") || action.get().equals("forbid"))) {
      compilation.error(node.position(), "<ip-filter> needs action=\"allow\" or action=\"forbid\"");
      return Optional.empty();
    }
    List<Range> ranges = new ArrayList<>();
    for (GraphNode address : node.children("address")) {
      String text = address.text().map(v -> v.text().trim()).orElse("");
      parse(text).ifPresentOrElse(
          bytes -> ranges.add(range(bytes, bytes)),
          () -> compilation.error(address.position(), "not an IP address: '" + text + "'"));
    }
    for (GraphNode range : node.children("address-range")) {
      Optional<byte[]> from = range.attributeText("from").flatMap(AccessPolicies::parse);
      Optional<byte[]> to = range.attributeText("to").flatMap(AccessPolicies::parse);
      if (from.isEmpty() || to.isEmpty() || from.get().length != to.get().length) {
        compilation.error(range.position(), "address-range needs from and to addresses of one family");
      } else {
        ranges.add(range(from.get(), to.get()));
      }
    }
    boolean allow = action.get().equals("allow");
    return Optional.of(
        PolicyStep.of(
            "ip-filter",
            context -> {
              SocketAddress remote = context.serverRequest().remoteAddress();
              String ip = remote == null || remote.hostAddress() == null ? "" : remote.hostAddress();
              Optional<byte[]> caller = parse(ip);
              boolean listed =
                  caller.isPresent() && ranges.stream().anyMatch(r -> r.contains(caller.get()));
              if (listed != allow) {
                throw new PolicyFailure(
                    403,
                    "CallerIpNotAllowed",
                    "Caller IP address " + ip + " is not allowed. Access denied.");
              }
              return CONTINUE;
            }));
  }

  private static Range range(byte[] from, byte[] to) {
    return new Range(new BigInteger(1, from), new BigInteger(1, to), from.length);
  }

  /** A literal IPv4 or IPv6 address; never a name lookup. */
  private static Optional<byte[]> parse(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty() || !trimmed.matches("[0-9a-fA-F:.]+")) {
      return Optional.empty();
    }
    if (!trimmed.contains(":") && !trimmed.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return Optional.empty();
    }
    try {
      byte[] bytes = InetAddress.getByName(trimmed).getAddress();
      if (bytes.length == 16 && isMappedV4(bytes)) {
        return Optional.of(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
      }
      return Optional.of(bytes);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static boolean isMappedV4(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /** trace: sends the evaluated message (and metadata) to the gateway's {@link TraceSink}. */
  static Optional<PolicyStep> trace(GraphNode node, Compilation compilation) {
    Optional<TextValue> source = compilation.required(node, "source");
    String severity = node.attributeText("severity").map(String::trim).orElse("verbose");
    Optional<TextValue> message = node.child("message").flatMap(compilation::text);
    if (node.child("message").isEmpty()) {
      compilation.error(node.position(), "<trace> needs a <message>");
    }
    Map<TextValue, TextValue> metadata = new LinkedHashMap<>();
    for (GraphNode entry : node.children("metadata")) {
      Optional<TextValue> key = compilation.required(entry, "name");
      Optional<TextValue> value = compilation.required(entry, "value");
      if (key.isPresent() && value.isPresent()) {
        metadata.put(key.get(), value.get());
      }
    }
    TraceSink sink = compilation.options().traceSink();
    if (source.isEmpty() || message.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "trace",
            context -> {
              Map<String, String> evaluated = new LinkedHashMap<>();
              metadata.forEach((k, v) -> evaluated.put(k.text(context), v.text(context)));
              sink.trace(
                  new TraceSink.Entry(
                      context.requestId(),
                      source.get().text(context),
                      severity,
                      message.get().text(context),
                      evaluated));
              return CONTINUE;
            }));
  }
}
