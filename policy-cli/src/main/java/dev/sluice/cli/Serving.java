package dev.sluice.cli;

import dev.sluice.runtime.GatewayOptions;
import dev.sluice.runtime.PolicyGateway;
import dev.sluice.runtime.RoutingTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a gateway in the foreground for {@code serve} and {@code demo}: listens, prints one line, and
 * serves until the duration passes or the process is interrupted (Ctrl-C), then closes the servers
 * and the Vert.x instance within a bounded time.
 */
final class Serving {
  private static final long START_SECONDS = 60;
  private static final long STOP_SECONDS = 10;

  private Serving() {}

  /**
   * A Vert.x instance with one event loop per core, on Linux's epoll transport where it is
   * available (the JDK's NIO otherwise).
   */
  static Vertx vertx() {
    return Vertx.vertx(
        new VertxOptions().setEventLoopPoolSize(cores()).setPreferNativeTransport(true));
  }

  static int cores() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Serves {@code routes} on {@code host:port} until stopped; {@code vertx} is closed afterwards.
   *
   * @param banner lines printed once the gateway listens, given its actual port
   */
  static int run(
      PrintWriter out,
      PrintWriter err,
      Vertx vertx,
      RoutingTable routes,
      String host,
      int port,
      Optional<Duration> duration,
      Function<Integer, List<String>> banner) {
    GatewayOptions options =
        GatewayOptions.builder().host(host).listenerInstances(cores()).build();
    PolicyGateway gateway = PolicyGateway.create(vertx, options, routes);
    int actualPort;
    try {
      actualPort = await(gateway.listen(port), START_SECONDS).actualPort();
    } catch (ExecutionException | TimeoutException e) {
      err.println("sluice: cannot listen on " + host + ":" + port + ": " + message(e));
      err.flush();
      close(gateway, vertx);
      return ExitCode.USAGE;
    }
    out.println(
        "sluice: gateway listening on http://" + hostForUrl(host) + ":" + actualPort + " ("
            + routes.routes().size() + (routes.routes().size() == 1 ? " operation)" : " operations)"));
    banner.apply(actualPort).forEach(out::println);
    out.flush();

    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              // Ctrl-C: let the serving thread close everything, for a bounded time.
              stop.countDown();
              awaitQuietly(stopped, STOP_SECONDS + 1);
            },
            "sluice-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      if (duration.isPresent()) {
        stop.await(duration.get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        stop.await();
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    boolean clean = close(gateway, vertx);
    out.println(clean ? "sluice: stopped" : "sluice: stopped (the servers did not close in time)");
    out.flush();
    stopped.countDown();
    if (stop.getCount() > 0) {
      // Not a shutdown: the hook is no longer needed.
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.OK;
  }

  /** Closes the gateway and Vert.x; returns whether both closed within the time limit. */
  static boolean close(PolicyGateway gateway, Vertx vertx) {
    boolean clean = true;
    try {
      await(gateway.close(), STOP_SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      clean = false;
    }
    try {
      await(vertx.close(), STOP_SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      clean = false;
    }
    return clean;
  }

  /** Closes a Vert.x instance after a failed start; a failure to close changes nothing then. */
  static void closeQuietly(Vertx vertx) {
    try {
      await(vertx.close(), STOP_SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Already failing: the start failure is what gets reported.
      return;
    }
  }

  static <T> T await(Future<T> future, long seconds) throws ExecutionException, TimeoutException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExecutionException("interrupted", e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch, long seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String hostForUrl(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  static String message(Throwable e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
