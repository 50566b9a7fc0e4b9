package dev.sluice.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Gateway-wide limits and network settings. Immutable; start from {@link #builder()}.
 *
 * @param host address {@link PolicyGateway#listen(int)} binds; loopback unless set
 * @param maxHeaderSize bytes of request headers accepted (larger: 431, sent by Vert.x)
 * @param maxHeaderCount request header fields accepted (more: 431)
 * @param maxInitialLineLength bytes of the request line accepted (longer: 414, sent by Vert.x)
 * @param headerReadTimeout time a request has to deliver its whole head (request line and
 *     headers) before the connection is closed: the first request's counts from the connection's
 *     opening, each later one's from its first byte
 * @param connectionIdleTimeout a connection with no traffic either way for this long is closed
 *     (zero: never); keep it above {@code streamIdleTimeout}
 * @param streamIdleTimeout a relayed response body with no progress for this long (no chunk from
 *     the backend, or a client that never drains) is cut, as a failure, on both sides
 * @param sseKeepAlive on {@code text/event-stream} responses, write a {@code : keep-alive} comment
 *     at an event boundary when no data has passed for this long (zero: off)
 * @param maxBufferedRequestBytes cap for {@code buffer-request-body}; beyond it: 413
 * @param maxBufferedResponseBytes cap for {@code buffer-response}; beyond it: 502, never truncation
 * @param streamWriteQueueBytes bytes queued towards a client before the backend is paused
 * @param backendPoolSize connections per backend host; an open stream holds one for its whole life,
 *     so the default allows ten thousand concurrent streams to one backend
 * @param backendWaitQueueSize requests waiting for a backend connection; beyond it: 503
 * @param backendConnectTimeout time to open a backend connection; beyond it: 502
 * @param backendKeepAlive an idle pooled backend connection is closed after this long (whole
 *     seconds, at least one), so that a burst of streams does not hold its connections, and their
 *     ports, long after it ends
 * @param compression whether responses may be compressed (never event streams)
 * @param acceptBacklog pending connections the listening socket queues (the kernel may cap it), so
 *     that thousands of clients connecting at once are not refused or retried
 * @param listenerInstances HTTP servers {@link PolicyGateway#listen(int)} starts on the port, each
 *     on its own event loop of the {@code Vertx} instance, which spreads connections over them
 */
public record GatewayOptions(
    String host,
    int maxHeaderSize,
    int maxHeaderCount,
    int maxInitialLineLength,
    Duration headerReadTimeout,
    Duration connectionIdleTimeout,
    Duration streamIdleTimeout,
    Duration sseKeepAlive,
    long maxBufferedRequestBytes,
    long maxBufferedResponseBytes,
    int streamWriteQueueBytes,
    int backendPoolSize,
    int backendWaitQueueSize,
    Duration backendConnectTimeout,
    Duration backendKeepAlive,
    boolean compression,
    int acceptBacklog,
    int listenerInstances) {

  public GatewayOptions {
    Objects.requireNonNull(host, "host");
    positive("maxHeaderSize", maxHeaderSize);
    positive("maxHeaderCount", maxHeaderCount);
    positive("maxInitialLineLength", maxInitialLineLength);
    positive("headerReadTimeout", headerReadTimeout);
    notNegative("connectionIdleTimeout", connectionIdleTimeout);
    positive("streamIdleTimeout", streamIdleTimeout);
    notNegative("sseKeepAlive", sseKeepAlive);
    positive("maxBufferedRequestBytes", maxBufferedRequestBytes);
    positive("maxBufferedResponseBytes", maxBufferedResponseBytes);
    positive("streamWriteQueueBytes", streamWriteQueueBytes);
    positive("backendPoolSize", backendPoolSize);
    if (backendWaitQueueSize < 0) {
      throw new IllegalArgumentException("backendWaitQueueSize must not be negative");
    }
    positive("backendConnectTimeout", backendConnectTimeout);
    positive("backendKeepAlive", backendKeepAlive);
    positive("acceptBacklog", acceptBacklog);
    positive("listenerInstances", listenerInstances);
  }

  public static GatewayOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder preset with this record's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.host = host;
    b.maxHeaderSize = maxHeaderSize;
    b.maxHeaderCount = maxHeaderCount;
    b.maxInitialLineLength = maxInitialLineLength;
    b.headerReadTimeout = headerReadTimeout;
    b.connectionIdleTimeout = connectionIdleTimeout;
    b.streamIdleTimeout = streamIdleTimeout;
    b.sseKeepAlive = sseKeepAlive;
    b.maxBufferedRequestBytes = maxBufferedRequestBytes;
    b.maxBufferedResponseBytes = maxBufferedResponseBytes;
    b.streamWriteQueueBytes = streamWriteQueueBytes;
    b.backendPoolSize = backendPoolSize;
    b.backendWaitQueueSize = backendWaitQueueSize;
    b.backendConnectTimeout = backendConnectTimeout;
    b.backendKeepAlive = backendKeepAlive;
    b.compression = compression;
    b.acceptBacklog = acceptBacklog;
    b.listenerInstances = listenerInstances;
    return b;
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private static void notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
  }

  /** Mutable builder with safe defaults; not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int maxHeaderSize = 8192;
    private int maxHeaderCount = 100;
    private int maxInitialLineLength = 4096;
    private Duration headerReadTimeout = Duration.ofSeconds(10);
    private Duration connectionIdleTimeout = Duration.ofMinutes(10);
    private Duration streamIdleTimeout = Duration.ofMinutes(5);
    private Duration sseKeepAlive = Duration.ZERO;
    private long maxBufferedRequestBytes = 8L * 1024 * 1024;
    private long maxBufferedResponseBytes = 8L * 1024 * 1024;
    private int streamWriteQueueBytes = 64 * 1024;
    private int backendPoolSize = 16_384;
    private int backendWaitQueueSize = 1024;
    private Duration backendConnectTimeout = Duration.ofSeconds(10);
    private Duration backendKeepAlive = Duration.ofSeconds(15);
    private boolean compression = false;
    private int acceptBacklog = 8192;
    private int listenerInstances = 1;

    private Builder() {}

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder maxHeaderSize(int value) {
      maxHeaderSize = value;
      return this;
    }

    public Builder maxHeaderCount(int value) {
      maxHeaderCount = value;
      return this;
    }

    public Builder maxInitialLineLength(int value) {
      maxInitialLineLength = value;
      return this;
    }

    public Builder headerReadTimeout(Duration value) {
      headerReadTimeout = value;
      return this;
    }

    public Builder connectionIdleTimeout(Duration value) {
      connectionIdleTimeout = value;
      return this;
    }

    public Builder streamIdleTimeout(Duration value) {
      streamIdleTimeout = value;
      return this;
    }

    public Builder sseKeepAlive(Duration value) {
      sseKeepAlive = value;
      return this;
    }

    public Builder maxBufferedRequestBytes(long value) {
      maxBufferedRequestBytes = value;
      return this;
    }

    public Builder maxBufferedResponseBytes(long value) {
      maxBufferedResponseBytes = value;
      return this;
    }

    public Builder streamWriteQueueBytes(int value) {
      streamWriteQueueBytes = value;
      return this;
    }

    public Builder backendPoolSize(int value) {
      backendPoolSize = value;
      return this;
    }

    public Builder backendWaitQueueSize(int value) {
      backendWaitQueueSize = value;
      return this;
    }

    public Builder backendConnectTimeout(Duration value) {
      backendConnectTimeout = value;
      return this;
    }

    public Builder backendKeepAlive(Duration value) {
      backendKeepAlive = value;
      return this;
    }

    public Builder compression(boolean value) {
      compression = value;
      return this;
    }

    public Builder acceptBacklog(int value) {
      acceptBacklog = value;
      return this;
    }

    public Builder listenerInstances(int value) {
      listenerInstances = value;
      return this;
    }

    public GatewayOptions build() {
      return new GatewayOptions(
          host,
          maxHeaderSize,
          maxHeaderCount,
          maxInitialLineLength,
          headerReadTimeout,
          connectionIdleTimeout,
          streamIdleTimeout,
          sseKeepAlive,
          maxBufferedRequestBytes,
          maxBufferedResponseBytes,
          streamWriteQueueBytes,
          backendPoolSize,
          backendWaitQueueSize,
          backendConnectTimeout,
          backendKeepAlive,
          compression,
          acceptBacklog,
          listenerInstances);
    }
  }
}
