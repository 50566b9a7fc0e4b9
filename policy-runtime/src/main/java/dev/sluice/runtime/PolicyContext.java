package dev.sluice.runtime;

import dev.sluice.core.Section;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The state of one exchange as the steps of a {@link Pipeline} see it: the request as it will be
 * forwarded, the response as it will be sent, variables, and the {@link LastError} in on-error.
 *
 * <p>Threading: confined to the event loop of the exchange; steps read and change it only from
 * there. Not thread-safe. A response body is either absent, a buffer, or (after a streaming {@code
 * forward-request}) a live backend stream that the gateway relays chunk by chunk; replacing it
 * releases that stream.
 */
public final class PolicyContext {
  private final GatewayEnv env;
  private final HttpServerRequest serverRequest;
  private final Route route;
  private final Request request;
  private final ClientBody clientBody;
  private Response response;
  private final Map<String, Object> variables = new HashMap<>();
  private final List<Runnable> onClientGone = new ArrayList<>();
  private List<Runnable> onEnd;
  private List<java.util.function.Consumer<Response>> beforeSend;
  private final Instant timestamp = Instant.now();
  private final long startNanos = System.nanoTime();
  private String requestId;
  private boolean ended;
  private LastError lastError;
  private Section section = Section.INBOUND;
  private boolean clientGone;
  private boolean requestBodyTaken;
  private Buffer bufferedRequestBody;
  private Cancellation cancellation = Cancellation.NONE;
  private boolean responseWithheld;

  PolicyContext(
      GatewayEnv env,
      HttpServerRequest serverRequest,
      Route route,
      Map<String, String> parameters,
      BackendTarget backend,
      MultiMap headers,
      ClientBody clientBody) {
    this.env = env;
    this.serverRequest = serverRequest;
    this.route = route;
    this.clientBody = clientBody;
    // The response is built where it will be sent from: no copy of its headers at the end.
    this.response = new Response(serverRequest.response().headers());
    this.request = new Request(serverRequest.method().name(), backend, headers, parameters);
    this.request.serviceUrl = route.serviceUrl();
  }

  public Vertx vertx() {
    return env.vertx();
  }

  /** The matched operation. */
  public Route route() {
    return route;
  }

  public Request request() {
    return request;
  }

  public Response response() {
    return response;
  }

  /** Mutable, exchange-scoped variables ({@code set-variable}, {@code context.Variables}). */
  public Map<String, Object> variables() {
    return variables;
  }

  /** The failure being handled; present only while on-error runs. */
  public Optional<LastError> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** The section now running. */
  public Section section() {
    return section;
  }

  /** Whether the client has gone away; a step doing slow work can stop early. */
  public boolean isClientGone() {
    return clientGone;
  }

  /**
   * Runs {@code action} once if the client disconnects before the exchange ends (now, if it already
   * has); used to reset backend work promptly.
   */
  public void onClientGone(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (clientGone) {
      action.run();
    } else {
      onClientGone.add(action);
    }
  }

  /** A unique id of this exchange ({@code context.RequestId}). */
  public String requestId() {
    if (requestId == null) {
      requestId = UUID.randomUUID().toString();
    }
    return requestId;
  }

  /** When the request arrived ({@code context.Timestamp}). */
  public Instant timestamp() {
    return timestamp;
  }

  /** Time since the request arrived ({@code context.Elapsed}). */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * Runs {@code action} once when the exchange is over: the response was fully written (a relayed
   * stream included), or the connection closed. Used to hold resources, such as a {@code
   * limit-concurrency} slot, for the whole exchange.
   */
  public void onEnd(Runnable action) {
    Objects.requireNonNull(action, "action");
    if (ended) {
      action.run();
      return;
    }
    if (onEnd == null) {
      onEnd = new ArrayList<>(2);
    }
    onEnd.add(action);
  }

  // ---- package-private plumbing for the gateway and built-in steps ----

  GatewayEnv env() {
    return env;
  }

  HttpServerRequest serverRequest() {
    return serverRequest;
  }

  void section(Section value) {
    section = value;
  }

  void lastError(LastError value) {
    lastError = value;
  }

  /** The part of the exchange the running step belongs to (see {@link Cancellation}). */
  Cancellation cancellation() {
    return cancellation;
  }

  void cancellation(Cancellation value) {
    cancellation = value;
  }

  /** Whether expressions see no response ({@code context.Response} is null): a failed attempt has none. */
  boolean responseWithheld() {
    return responseWithheld;
  }

  void responseWithheld(boolean value) {
    responseWithheld = value;
  }

  /** Starts a fresh response (on-error, return-response), releasing any backend stream. */
  Response resetResponse() {
    response.discardBody();
    MultiMap headers = serverRequest.response().headers();
    headers.clear();
    response = new Response(headers);
    return response;
  }

  /** Whether the client sent a body, and its Content-Length, as the request arrived. */
  ClientBody clientBody() {
    return clientBody;
  }

  /**
   * The framing of the client's body as it arrived, kept apart from the headers, which policies
   * change and from which Transfer-Encoding is stripped.
   *
   * @param present whether a body follows the head
   * @param contentLength the client's Content-Length, or null (chunked, or no body)
   */
  record ClientBody(boolean present, String contentLength) {}

  /** The client request body, handed out once: to forward it, or to discard it. */
  Optional<ReadStream<Buffer>> takeRequestBody() {
    if (requestBodyTaken) {
      return Optional.empty();
    }
    requestBodyTaken = true;
    return Optional.of(serverRequest);
  }

  /** The request body as a buffered {@code forward-request} read it, kept for the next one. */
  Optional<Buffer> bufferedRequestBody() {
    return Optional.ofNullable(bufferedRequestBody);
  }

  void bufferedRequestBody(Buffer body) {
    bufferedRequestBody = body;
  }

  /** Runs {@code action} on the final response just before its headers are written. */
  void beforeSend(java.util.function.Consumer<Response> action) {
    if (beforeSend == null) {
      beforeSend = new ArrayList<>(2);
    }
    beforeSend.add(action);
  }

  void runBeforeSend() {
    if (beforeSend != null) {
      List<java.util.function.Consumer<Response>> actions = beforeSend;
      beforeSend = null;
      actions.forEach(action -> action.accept(response));
    }
  }

  void ended() {
    if (ended) {
      return;
    }
    ended = true;
    if (onEnd != null) {
      List<Runnable> actions = onEnd;
      onEnd = null;
      actions.forEach(Runnable::run);
    }
  }

  void clientGone() {
    if (clientGone) {
      return;
    }
    clientGone = true;
    List<Runnable> actions = new ArrayList<>(onClientGone);
    onClientGone.clear();
    actions.forEach(Runnable::run);
  }

  /**
   * The request as it will be forwarded: method, backend URL (the API's service URL plus the rest of
   * the path and query), headers (hop-by-hop fields already removed) and the template parameters.
   */
  public static final class Request {
    private String method;
    /** Built from {@link #target} on first use: most exchanges never need it as a URI. */
    private URI url;
    private BackendTarget target;
    private final MultiMap headers;
    private final Map<String, String> matchedParameters;
    /** The backend base URL the request URL starts with; changed by set-backend-service. */
    URI serviceUrl;

    Request(
        String method, BackendTarget target, MultiMap headers, Map<String, String> matchedParameters) {
      this.method = method;
      this.target = target;
      this.headers = headers;
      this.matchedParameters = Map.copyOf(matchedParameters);
    }

    public String method() {
      return method;
    }

    public void method(String value) {
      method = Objects.requireNonNull(value, "method");
    }

    /** The URL the backend request goes to. */
    public URI url() {
      if (url == null) {
        url = target.toUri();
      }
      return url;
    }

    public void url(URI value) {
      url = Objects.requireNonNull(value, "url");
      target = null;
    }

    /** The URL as the client needs it; throws IllegalArgumentException if it is not http(s). */
    BackendTarget target() {
      if (target == null) {
        target = BackendTarget.of(url);
      }
      return target;
    }

    /** Mutable request headers. */
    public MultiMap headers() {
      return headers;
    }

    /** Values bound by the operation's URL template, percent-decoded. */
    public Map<String, String> matchedParameters() {
      return matchedParameters;
    }
  }

  /**
   * The response as it will be sent: status, reason, headers and body. Starts as {@code 200} with no
   * body until a {@code forward-request} or {@code return-response} fills it.
   */
  public static final class Response {
    private int status = 200;
    private String reason;
    private final MultiMap headers;
    private Buffer body;
    private BackendBody stream;

    Response(MultiMap headers) {
      this.headers = headers;
    }

    public int status() {
      return status;
    }

    /** The reason phrase, if one was set. */
    public Optional<String> reason() {
      return Optional.ofNullable(reason);
    }

    /** Sets status and (nullable) reason phrase. */
    public void status(int code, String reasonPhrase) {
      if (code < 100 || code > 599) {
        throw new IllegalArgumentException("status out of range: " + code);
      }
      status = code;
      reason = reasonPhrase;
    }

    /** Mutable response headers. */
    public MultiMap headers() {
      return headers;
    }

    /** The buffered body, if the body is buffered. */
    public Optional<Buffer> body() {
      return Optional.ofNullable(body);
    }

    /** Replaces the body with a buffer, releasing a streamed backend body if there was one. */
    public void body(Buffer value) {
      Objects.requireNonNull(value, "value");
      discardBody();
      body = value;
    }

    /** Whether the body is a live backend stream that will be relayed unbuffered. */
    public boolean isStreaming() {
      return stream != null;
    }

    Optional<BackendBody> stream() {
      return Optional.ofNullable(stream);
    }

    void stream(BackendBody value) {
      discardBody();
      stream = value;
    }

    /** Forgets the body; a backend stream is reset so its connection is not left hanging. */
    void discardBody() {
      body = null;
      if (stream != null) {
        BackendBody old = stream;
        stream = null;
        old.discard().run();
      }
    }

    /** Hands the stream over to the relay, which now owns it. */
    Optional<BackendBody> takeStream() {
      BackendBody value = stream;
      stream = null;
      return Optional.ofNullable(value);
    }
  }

  /** A live backend body and how to abandon it. */
  record BackendBody(ReadStream<Buffer> source, Runnable discard) {}
}
