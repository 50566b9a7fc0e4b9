package dev.sluice.runtime;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Keeps the evidence of request smuggling attempts. Netty silently drops Content-Length when a
 * request also carries Transfer-Encoding (RFC 9112 allows it); the gateway wants to answer 400 and
 * close instead, so on HTTP/1.x connections of servers it starts it swaps in a decoder that leaves
 * both headers in place. This reaches into Vert.x internals; when they differ, nothing is changed
 * and Netty's behaviour (Transfer-Encoding wins, Content-Length dropped) stays, which is still safe
 * towards the backend because the gateway re-frames every body it forwards.
 */
final class StrictFraming {
  private static final String DECODER = "httpDecoder";

  private StrictFraming() {}

  /** Installs the strict decoder; returns whether it could. Call from the connection handler. */
  static boolean install(HttpConnection connection, HttpServerOptions options) {
    if (!(connection instanceof ConnectionBase base)) {
      return false;
    }
    ChannelPipeline pipeline = base.channel().pipeline();
    if (!(pipeline.get(DECODER) instanceof VertxHttpRequestDecoder)) {
      return false;
    }
    pipeline.replace(DECODER, DECODER, new Decoder(options));
    return true;
  }

  private static final class Decoder extends VertxHttpRequestDecoder {
    Decoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      // Keep Content-Length next to Transfer-Encoding: the gateway rejects the request with 400.
      // The body is still read as chunked, so the connection's framing stays consistent.
    }
  }
}
