package dev.sluice.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimeoutsTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void due_timeouts_fire_in_order_and_cancelled_ones_never() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    vertx.runOnContext(
        v -> {
          Timeouts.schedule(vertx, 40, () -> fired.add("a"));
          Timeouts.Timeout b = Timeouts.schedule(vertx, 40, () -> fired.add("b"));
          Timeouts.Timeout c = Timeouts.schedule(vertx, 40, () -> fired.add("c"));
          Timeouts.schedule(vertx, 10, () -> fired.add("short"));
          // The oldest of a length cancelled: the queue's timer must still serve the rest.
          vertx.setTimer(5, id -> {
            b.cancel();
            b.cancel();
            Timeouts.schedule(vertx, 40, () -> fired.add("d"));
          });
          vertx.setTimer(20, id -> c.cancel());
          vertx.setTimer(300, id -> done.countDown());
        });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly("short", "a", "d");
  }

  @Test
  void a_timeout_armed_after_the_queue_emptied_still_fires() throws Exception {
    List<String> fired = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    vertx.runOnContext(
        v -> {
          Timeouts.Timeout first = Timeouts.schedule(vertx, 30, () -> fired.add("first"));
          first.cancel();
          // Armed while the queue's timer for the cancelled one is still pending.
          vertx.setTimer(10, id -> Timeouts.schedule(vertx, 30, () -> fired.add("second")));
          vertx.setTimer(200, id -> done.countDown());
        });
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).containsExactly("second");
  }

  @Test
  void off_an_event_loop_a_plain_timer_is_used() throws Exception {
    CountDownLatch fired = new CountDownLatch(1);
    Timeouts.schedule(vertx, 10, fired::countDown);
    assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
  }
}
