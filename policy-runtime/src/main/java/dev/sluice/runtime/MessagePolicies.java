package dev.sluice.runtime;

import dev.sluice.core.Gateway;
import dev.sluice.core.graph.GraphNode;
import dev.sluice.core.expr.ExpressionContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Policies that change the request or the response: headers, query, URL, method, body, status. */
final class MessagePolicies {
  private MessagePolicies() {}

  private static final Future<StepOutcome> CONTINUE = Outcomes.CONTINUE;
  private static final Future<StepOutcome> END = Outcomes.END;
  private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{([^{}]+)}");

  static Optional<PolicyStep> setHeader(GraphNode node, Compilation compilation) {
    boolean onRequest = compilation.onRequest();
    return HeaderSetter.compile(node, compilation)
        .map(
            setter ->
                PolicyStep.of(
                    "set-header",
                    context -> {
                      setter.apply(
                          onRequest ? context.request().headers() : context.response().headers(),
                          context);
                      return CONTINUE;
                    }));
  }

  static Optional<PolicyStep> setQueryParameter(GraphNode node, Compilation compilation) {
    Optional<TextValue> name = compilation.required(node, "name");
    Optional<TextValue> action = compilation.attribute(node, "exists-action", "override");
    List<TextValue> values = new ArrayList<>();
    for (GraphNode value : node.children("value")) {
      compilation.text(value).ifPresent(values::add);
    }
    if (name.isEmpty() || action.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "set-query-parameter",
            context -> {
              PolicyContext.Request request = context.request();
              String parameter = name.get().text(context);
              String mode = action.get().text(context).trim().toLowerCase(Locale.ROOT);
              Map<String, List<String>> query = Query.parse(request.url().getRawQuery());
              String key = Query.encode(parameter);
              List<String> evaluated = new ArrayList<>();
              for (TextValue value : values) {
                evaluated.add(Query.encode(value.text(context)));
              }
              switch (mode) {
                case "delete" -> query.remove(key);
                case "skip" -> query.putIfAbsent(key, evaluated);
                case "append" -> query.computeIfAbsent(key, k -> new ArrayList<>()).addAll(evaluated);
                default -> query.put(key, evaluated);
              }
              request.url(Query.withQuery(request.url(), Query.format(query)));
              return CONTINUE;
            }));
  }

  static Optional<PolicyStep> setVariable(GraphNode node, Compilation compilation) {
    Optional<TextValue> name = compilation.required(node, "name");
    Optional<TextValue> value = compilation.required(node, "value");
    if (name.isEmpty() || value.isEmpty()) {
      return Optional.empty();
    }
    if (!name.get().isLiteral()) {
      compilation.error(node.position(), "set-variable needs a literal name");
      return Optional.empty();
    }
    String variable = name.get().literalText();
    return Optional.of(
        PolicyStep.of(
            "set-variable",
            context -> {
              context.variables().put(variable, value.get().value(context));
              return CONTINUE;
            }));
  }

  static Optional<PolicyStep> setStatus(GraphNode node, Compilation compilation) {
    return StatusSetter.compile(node, compilation)
        .map(
            status ->
                PolicyStep.of(
                    "set-status",
                    context -> {
                      status.apply(context.response(), context);
                      return CONTINUE;
                    }));
  }

  static Optional<PolicyStep> setMethod(GraphNode node, Compilation compilation) {
    Optional<TextValue> method = compilation.text(node);
    if (method.isEmpty()) {
      return Optional.empty();
    }
    if (method.get().isLiteral() && method.get().literalText().isBlank()) {
      compilation.error(node.position(), "set-method needs a method, such as POST");
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "set-method",
            context -> {
              String value = method.get().text(context).trim().toUpperCase(Locale.ROOT);
              if (value.isEmpty()) {
                throw new PolicyFailure(500, "invalid_method", "set-method produced an empty method");
              }
              context.request().method(value);
              return CONTINUE;
            }));
  }

  static Optional<PolicyStep> setBody(GraphNode node, Compilation compilation) {
    Optional<TextValue> body = BodySetter.compile(node, compilation);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    boolean onRequest = compilation.onRequest();
    return Optional.of(
        PolicyStep.of(
            "set-body",
            context -> {
              Buffer buffer = Buffer.buffer(body.get().text(context));
              if (onRequest) {
                // The client's body is replaced: drain it so the connection stays usable.
                context.takeRequestBody().ifPresent(stream -> stream.resume());
                context.bufferedRequestBody(buffer);
                context.request().headers().remove("content-length");
              } else {
                context.response().body(buffer);
                context.response().headers().remove("content-length");
              }
              return CONTINUE;
            }));
  }

  static Optional<PolicyStep> setBackendService(GraphNode node, Compilation compilation) {
    compilation.unsupported(node, "backend-id", "backend entities are not configured in Sluice; use base-url");
    for (String serviceFabric :
        List.of("sf-resolve-condition", "sf-service-instance-name", "sf-partition-key", "sf-replica-type", "sf-listener-name")) {
      compilation.unsupported(node, serviceFabric, "Service Fabric backends are not supported");
    }
    Optional<TextValue> baseUrl = compilation.required(node, "base-url");
    if (baseUrl.isEmpty()) {
      return Optional.empty();
    }
    if (baseUrl.get().isLiteral() && !isHttpUrl(baseUrl.get().literalText())) {
      compilation.error(node.position(), "base-url must be an absolute http(s) URL: " + baseUrl.get().literalText());
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "set-backend-service",
            context -> {
              String base = baseUrl.get().text(context).trim();
              if (!isHttpUrl(base)) {
                throw new PolicyFailure(500, "invalid_backend_url", "base-url is not an absolute http(s) URL: " + base);
              }
              PolicyContext.Request request = context.request();
              String current = request.url().toString();
              String oldBase = stripSlash(stripQuery(request.serviceUrl.toString()));
              String suffix = current.startsWith(oldBase) ? current.substring(oldBase.length()) : "";
              request.url(URI.create(stripSlash(base) + suffix));
              request.serviceUrl = URI.create(base);
              return CONTINUE;
            }));
  }

  static Optional<PolicyStep> rewriteUri(GraphNode node, Compilation compilation) {
    Optional<TextValue> template = compilation.required(node, "template");
    boolean copyUnmatched = compilation.literalFlag(node, "copy-unmatched-params", true);
    if (template.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "rewrite-uri",
            context -> {
              PolicyContext.Request request = context.request();
              Map<String, List<String>> original = Query.parse(context.serverRequest().query());
              Set<String> used = new HashSet<>();
              String expanded = expand(template.get().text(context), request, original, used);
              String path = expanded;
              String query = "";
              int mark = expanded.indexOf('?');
              if (mark >= 0) {
                path = expanded.substring(0, mark);
                query = expanded.substring(mark + 1);
              }
              Map<String, List<String>> params = Query.parse(query);
              if (copyUnmatched) {
                original.forEach(
                    (key, values) -> {
                      if (!used.contains(key) && !params.containsKey(key)) {
                        params.put(key, values);
                      }
                    });
              }
              if (!path.startsWith("/")) {
                path = "/" + path;
              }
              String base = stripSlash(stripQuery(request.serviceUrl.toString()));
              String formatted = Query.format(params);
              request.url(URI.create(base + path + (formatted.isEmpty() ? "" : "?" + formatted)));
              return CONTINUE;
            }));
  }

  /** Replaces {@code {name}} with the matched parameter (or the original query parameter). */
  private static String expand(
      String template,
      PolicyContext.Request request,
      Map<String, List<String>> query,
      Set<String> used) {
    Matcher matcher = TEMPLATE_PARAMETER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1).trim();
      String value = request.matchedParameters().get(name);
      String replacement;
      if (value != null) {
        replacement = Query.encodePathSegment(value);
      } else {
        List<String> values = query.get(Query.encode(name));
        replacement = values == null || values.isEmpty() ? "" : values.get(0);
      }
      used.add(Query.encode(name));
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  static Optional<PolicyStep> returnResponse(GraphNode node, Compilation compilation) {
    Optional<TextValue> variable = compilation.attribute(node, "response-variable-name");
    Optional<StatusSetter> status =
        node.child("set-status").flatMap(child -> StatusSetter.compile(child, compilation));
    List<HeaderSetter> headers = new ArrayList<>();
    for (GraphNode header : node.children("set-header")) {
      HeaderSetter.compile(header, compilation).ifPresent(headers::add);
    }
    Optional<TextValue> body = node.child("set-body").flatMap(child -> BodySetter.compile(child, compilation));
    return Optional.of(
        PolicyStep.of(
            "return-response",
            context -> {
              PolicyContext.Response response = context.resetResponse();
              if (variable.isPresent()) {
                String name = variable.get().text(context);
                Object value = context.variables().get(name);
                if (!(value instanceof ExpressionContext.Response stored)) {
                  throw new PolicyFailure(
                      500, "response_variable_missing", "Variable '" + name + "' does not hold a response");
                }
                response.status(stored.statusCode(), stored.statusReason().isEmpty() ? null : stored.statusReason());
                stored.headers().forEach((key, values) -> response.headers().add(key, values));
                stored.body().ifPresent(b -> response.body(Buffer.buffer(b.asString(true))));
              }
              if (status.isPresent()) {
                status.get().apply(response, context);
              }
              for (HeaderSetter header : headers) {
                header.apply(response.headers(), context);
              }
              if (body.isPresent()) {
                response.body(Buffer.buffer(body.get().text(context)));
              }
              response.headers().remove("content-length");
              return END;
            }));
  }

  /**
   * mock-response: ends the exchange with the status code (200 by default) and a body taken from
   * the operation's specification: the example given for that status and the {@code content-type}
   * (compared without parameters, ignoring case), or without a {@code content-type} the first
   * example for that status, whose media type then becomes the Content-Type. With no such example
   * the body is empty. Bodies generated from schemas are not supported.
   */
  static Optional<PolicyStep> mockResponse(GraphNode node, Compilation compilation) {
    Optional<TextValue> status = compilation.integer(node, "status-code", "200", 100, 599);
    Optional<TextValue> contentType = compilation.attribute(node, "content-type");
    List<Gateway.ResponseExample> examples = compilation.operation().examples();
    if (status.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        PolicyStep.of(
            "mock-response",
            context -> {
              int code = (int) status.get().integer(context);
              if (code < 100 || code > 599) {
                throw new PolicyFailure(500, "invalid_status", "status-code out of range: " + code);
              }
              Optional<String> type = contentType.map(value -> value.text(context));
              Optional<Gateway.ResponseExample> example = example(examples, code, type);
              PolicyContext.Response response = context.resetResponse();
              response.status(code, null);
              type.or(() -> example.map(Gateway.ResponseExample::contentType))
                  .ifPresent(value -> response.headers().set("content-type", value));
              response.body(
                  example.map(e -> Buffer.buffer(e.body())).orElseGet(Buffer::buffer));
              return END;
            }));
  }

  private static Optional<Gateway.ResponseExample> example(
      List<Gateway.ResponseExample> examples, int status, Optional<String> contentType) {
    String code = Integer.toString(status);
    for (Gateway.ResponseExample example : examples) {
      if (example.status().trim().equals(code)
          && (contentType.isEmpty()
              || mediaType(example.contentType()).equals(mediaType(contentType.get())))) {
        return Optional.of(example);
      }
    }
    return Optional.empty();
  }

  /** The media type without parameters, lower case: {@code application/json}. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }

  private static boolean isHttpUrl(String text) {
    try {
      URI uri = URI.create(text.trim());
      String scheme = uri.getScheme();
      return uri.isAbsolute()
          && uri.getHost() != null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String stripQuery(String url) {
    int mark = url.indexOf('?');
    return mark < 0 ? url : url.substring(0, mark);
  }

  private static String stripSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  /** A compiled {@code set-status}: code and reason. */
  record StatusSetter(TextValue code, TextValue reason) {
    static Optional<StatusSetter> compile(GraphNode node, Compilation compilation) {
      Optional<TextValue> code = compilation.integer(node, "code", "200", 100, 599);
      Optional<TextValue> reason = compilation.attribute(node, "reason", "");
      if (code.isEmpty() || reason.isEmpty()) {
        return Optional.empty();
      }
      if (node.attribute("code").isEmpty()) {
        compilation.error(node.position(), "<set-status> needs a code");
        return Optional.empty();
      }
      return Optional.of(new StatusSetter(code.get(), reason.get()));
    }

    void apply(PolicyContext.Response response, PolicyContext context) {
      long value = code.integer(context);
      if (value < 100 || value > 599) {
        throw new PolicyFailure(500, "invalid_status", "status code out of range: " + value);
      }
      String phrase = reason.text(context);
      response.status((int) value, phrase.isEmpty() ? null : phrase);
    }
  }

  /** A compiled {@code set-body} content: literal or expression; Liquid templates are refused. */
  static final class BodySetter {
    private BodySetter() {}

    static Optional<TextValue> compile(GraphNode node, Compilation compilation) {
      Optional<String> template = node.attributeText("template");
      if (template.isPresent()) {
        compilation.error(
            node.attribute("template").get().position(),
            "set-body template=\"" + template.get() + "\" is not supported: Sluice does not render"
                + " Liquid templates; build the body with an expression instead");
        return Optional.empty();
      }
      return compilation.text(node).map(value -> value);
    }
  }

  /** Query strings kept in their encoded form, in order. */
  static final class Query {
    private Query() {}

    static Map<String, List<String>> parse(String raw) {
      Map<String, List<String>> result = new LinkedHashMap<>();
      if (raw == null || raw.isEmpty()) {
        return result;
      }
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
      return result;
    }

    static String format(Map<String, List<String>> query) {
      StringBuilder out = new StringBuilder();
      query.forEach(
          (key, values) -> {
            for (String value : values.isEmpty() ? List.of("") : values) {
              if (out.length() > 0) {
                out.append('&');
              }
              out.append(key).append('=').append(value);
            }
          });
      return out.toString();
    }

    static String encode(String text) {
      return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String encodePathSegment(String text) {
      return encode(text);
    }

    static URI withQuery(URI url, String query) {
      String text = url.toString();
      int mark = text.indexOf('?');
      String base = mark < 0 ? text : text.substring(0, mark);
      return URI.create(query.isEmpty() ? base : base + "?" + query);
    }
  }

  static MultiMap copy(MultiMap headers) {
    return MultiMap.caseInsensitiveMultiMap().addAll(headers);
  }
}
