package dev.sluice.bench.load;

import dev.sluice.core.Section;
import dev.sluice.runtime.ForwardRequestOptions;
import dev.sluice.runtime.GatewayOptions;
import dev.sluice.runtime.Pipeline;
import dev.sluice.runtime.PolicyGateway;
import dev.sluice.runtime.Route;
import dev.sluice.runtime.RoutingTable;
import dev.sluice.runtime.Steps;
import dev.sluice.runtime.Steps.ExistsAction;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Sluice gateway as the load benchmark runs it, in its own JVM (like nginx, its own process).
 *
 * <p>Routes, both to {@code http://127.0.0.1:<backend-port>}:
 *
 * <ul>
 *   <li>{@code GET /sse}: a pipeline holding only {@code forward-request buffer-response="false"},
 *       so every event is relayed as it arrives.
 *   <li>{@code GET /plain}: a 5-policy pipeline: inbound {@code set-header} X-Bench-Pipeline
 *       (override), {@code set-header} X-Request-Source (skip if present), {@code set-header} X-Debug
 *       (delete); backend {@code forward-request} (APIM defaults: buffered response); outbound
 *       {@code set-header} X-Served-By (override).
 * </ul>
 *
 * <p>Arguments: {@code --port P --backend-port P [--admin-port P] [--event-loops N]
 * [--backend-keep-alive SECONDS]}. The gateway
 * runs on N event loops (default 1, matching nginx's worker_processes in the script) and may hold
 * 10,240 backend connections so that 10,000 streams can be open at once. The admin port, on its own
 * event loop, answers {@code GET /heap} with the heap bytes in use after a full GC, so the driver
 * can report live memory per stream, and {@code GET /threads} with the bytes allocated and CPU time
 * used by its event loops so far.
 */
public final class SluiceLoadGateway {
  private SluiceLoadGateway() {}

  /**
   * Bytes allocated and CPU nanoseconds used so far by the gateway's event-loop threads, as {@code
   * "<bytes> <nanos>"}: differences over a run, divided by its requests, give allocation and CPU
   * per request independently of what else the machine is doing.
   */
  private static String threadTotals(Set<Long> loops) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long bytes = 0;
    long nanos = 0;
    for (long id : loops) {
      bytes += threads.getThreadAllocatedBytes(id);
      nanos += threads.getThreadCpuTime(id);
    }
    return bytes + " " + nanos;
  }

  public static void main(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int port = Integer.parseInt(options.get("port"));
    int backendPort = Integer.parseInt(options.get("backend-port"));
    int adminPort = Integer.parseInt(options.getOrDefault("admin-port", "0"));
    int eventLoops = Integer.parseInt(options.getOrDefault("event-loops", "1"));

    URI backend = URI.create("http://127.0.0.1:" + backendPort);
    Pipeline streaming = Pipeline.forwarding(ForwardRequestOptions.streaming());
    Pipeline fivePolicies =
        Pipeline.builder()
            .add(Section.INBOUND, Steps.setHeader("X-Bench-Pipeline", ExistsAction.OVERRIDE, List.of("sluice")))
            .add(Section.INBOUND, Steps.setHeader("X-Request-Source", ExistsAction.SKIP, List.of("load")))
            .add(Section.INBOUND, Steps.setHeader("X-Debug", ExistsAction.DELETE, List.of()))
            .add(Section.BACKEND, Steps.forwardRequest(ForwardRequestOptions.defaults()))
            .add(Section.OUTBOUND, Steps.setHeader("X-Served-By", ExistsAction.OVERRIDE, List.of("sluice")))
            .build();
    RoutingTable routes =
        RoutingTable.of(
            List.of(
                new Route("", "GET", "/sse", backend, streaming),
                new Route("", "GET", "/plain", backend, fivePolicies)));
    GatewayOptions.Builder gatewayOptions =
        GatewayOptions.builder()
            .backendPoolSize(10_240)
            .backendWaitQueueSize(10_240)
            .connectionIdleTimeout(Duration.ofMinutes(10));
    if (options.containsKey("backend-keep-alive")) {
      gatewayOptions.backendKeepAlive(Duration.ofSeconds(Long.parseLong(options.get("backend-keep-alive"))));
    }

    Vertx vertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true));
    PolicyGateway gateway = PolicyGateway.create(vertx, gatewayOptions.build(), routes);
    gateway
        .listen(port)
        .onSuccess(s -> System.out.println("sluice gateway listening on 127.0.0.1:" + s.actualPort()
            + " (native transport: " + vertx.isNativeTransportEnabled() + ")"))
        .onFailure(e -> {
          System.out.println("sluice gateway failed to listen: " + e);
          vertx.close();
        });

    // The gateway's event-loop threads (the admin server below has its own, not counted).
    Set<Long> loops = ConcurrentHashMap.newKeySet();
    ((io.vertx.core.internal.VertxInternal) vertx).nettyEventLoopGroup().forEach(loop -> loop.execute(() -> loops.add(Thread.currentThread().getId())));
    if (adminPort > 0) {
      Vertx admin = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
      admin
          .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(adminPort))
          .requestHandler(request -> {
            if (request.path().equals("/threads")) {
              request.response().end(threadTotals(loops));
              return;
            }
            if (!request.path().equals("/heap")) {
              request.response().setStatusCode(404).end();
              return;
            }
            admin
                .executeBlocking(() -> {
                  // A full collection first, so the number is live data, not garbage.
                  System.gc();
                  System.gc();
                  return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                })
                .onComplete(ar -> {
                  if (ar.succeeded()) {
                    request.response().end(Long.toString(ar.result()));
                  } else {
                    request.response().setStatusCode(500).end(String.valueOf(ar.cause()));
                  }
                });
          })
          .listen();
    }
  }
}
