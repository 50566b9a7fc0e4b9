package dev.sluice.cli;

import static java.util.Objects.requireNonNull;

import dev.sluice.core.Gateway;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code --sse} pattern over operation ids written {@code api/operation}: {@code *} matches any
 * run of characters but {@code /}, {@code **} any run at all, {@code ?} one character but {@code
 * /}; everything else matches itself. {@code chat-api/stream-*} marks the streaming operations of
 * one API, {@code **} every operation.
 */
record OperationGlob(String glob, Pattern pattern) {

  OperationGlob {
    requireNonNull(glob, "glob");
    requireNonNull(pattern, "pattern");
  }

  static OperationGlob of(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c != '*' && c != '?') {
        literal.append(c);
        continue;
      }
      if (literal.length() > 0) {
        regex.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
      }
      if (c == '?') {
        regex.append("[^/]");
      } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else {
        regex.append("[^/]*");
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new OperationGlob(glob, Pattern.compile(regex.toString()));
  }

  boolean matches(Gateway.Operation operation) {
    return pattern.matcher(operation.apiId() + "/" + operation.id()).matches();
  }

  /**
   * The gateway with every operation that one of {@code globs} matches marked as a Server-Sent
   * Events stream; operations already marked stay so.
   */
  static Gateway markStreaming(Gateway gateway, List<OperationGlob> globs) {
    if (globs.isEmpty()) {
      return gateway;
    }
    List<Gateway.Api> apis =
        gateway.apis().stream()
            .map(
                api ->
                    new Gateway.Api(
                        api.id(),
                        api.path(),
                        api.backendUrl(),
                        api.policy(),
                        api.operations().stream().map(op -> mark(op, globs)).toList(),
                        api.source()))
            .toList();
    return new Gateway(
        gateway.globalPolicy(),
        gateway.products(),
        apis,
        gateway.fragments(),
        gateway.namedValues(),
        gateway.tier(),
        gateway.frontProxy(),
        gateway.source());
  }

  private static Gateway.Operation mark(Gateway.Operation op, List<OperationGlob> globs) {
    if (op.streaming() || globs.stream().noneMatch(glob -> glob.matches(op))) {
      return op;
    }
    return new Gateway.Operation(
        op.apiId(), op.id(), op.method(), op.urlTemplate(), op.policy(), true, op.maxEventGap(),
        op.source());
  }
}
