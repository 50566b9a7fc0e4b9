package dev.sluice.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP/1.x request decoder of the gateway's server connections, with two guards Netty's lacks.
 *
 * <ul>
 *   <li><b>Framing evidence.</b> Netty silently drops Content-Length when a request also carries
 *       Transfer-Encoding (RFC 9112 allows it); the gateway wants to answer 400 and close instead,
 *       so this decoder leaves both headers in place.
 *   <li><b>Header deadline.</b> Every request must deliver its whole head within the header
 *       timeout: the first from the moment the connection opens, each later one from its first
 *       byte (the wait between requests on a keep-alive connection is the idle timeout's business).
 *       A client trickling a head byte by byte (slowloris) is cut off when the deadline passes. The
 *       timer is lazy: armed once and re-armed when it fires early, not scheduled per request.
 * </ul>
 *
 * <p>This reaches into Vert.x internals; when they differ, {@link #install} changes nothing and
 * returns false, and the gateway falls back to a deadline for the first request only. Netty's own
 * behaviour (Transfer-Encoding wins, Content-Length dropped) is still safe towards the backend,
 * because the gateway re-frames every body it forwards. Event-loop confined, one per connection.
 */
final class GuardedRequestDecoder extends VertxHttpRequestDecoder {
  private static final String DECODER = "httpDecoder";

  private final long timeoutNanos;
  /** Whether the next bytes belong to a request head (not a body). */
  private boolean inHead = true;
  /** When the current head began; 0 while no byte of it has arrived. */
  private long headStart;
  private ScheduledFuture<?> timer;

  private GuardedRequestDecoder(HttpServerOptions options, long timeoutMillis) {
    super(options);
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.headStart = System.nanoTime();
  }

  /**
   * Replaces the connection's decoder; returns whether it could. Call from the connection handler,
   * before any request has been read.
   */
  static boolean install(HttpConnection connection, HttpServerOptions options, long headerTimeoutMillis) {
    if (!(connection instanceof ConnectionBase base)) {
      return false;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (!(pipeline.get(DECODER) instanceof VertxHttpRequestDecoder)) {
      return false;
    }
    pipeline.replace(DECODER, DECODER, new GuardedRequestDecoder(options, headerTimeoutMillis));
    return true;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    super.handlerAdded(ctx);
    arm(ctx, timeoutNanos);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    if (inHead && headStart == 0 && buffer.isReadable()) {
      headStart = System.nanoTime();
      if (timer == null) {
        arm(ctx, timeoutNanos);
      }
    }
    int before = out.size();
    super.decode(ctx, buffer, out);
    for (int i = before; i < out.size(); i++) {
      Object message = out.get(i);
      if (message instanceof HttpRequest) {
        inHead = false;
        headStart = 0;
      }
      if (message instanceof LastHttpContent) {
        inHead = true;
      }
    }
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    // Keep Content-Length next to Transfer-Encoding: the gateway rejects the request with 400.
    // The body is still read as chunked, so the connection's framing stays consistent.
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    super.channelInactive(ctx);
  }

  private void arm(ChannelHandlerContext ctx, long delayNanos) {
    timer = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    timer = null;
    if (!inHead || headStart == 0 || !ctx.channel().isActive()) {
      // Between heads: the next head's first byte arms the timer again.
      return;
    }
    long waited = System.nanoTime() - headStart;
    if (waited >= timeoutNanos) {
      ctx.close();
    } else {
      arm(ctx, timeoutNanos - waited);
    }
  }
}
