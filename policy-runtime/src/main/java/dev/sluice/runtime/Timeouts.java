package dev.sluice.runtime;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * Cheap one-shot timeouts for the request path. Almost every timeout armed per exchange (a
 * backend's time to answer) is cancelled a few milliseconds later, and the timeouts of one
 * event loop mostly share a few lengths. So each event loop keeps, per length, a FIFO of pending
 * timeouts (their deadlines are in order) and a single Vert.x timer for the oldest one: arming is
 * an append, cancelling an unlink, and the timer fires at most about once per length of time
 * instead of being scheduled and cancelled per exchange.
 *
 * <p>Threading: call {@link #schedule} on an event loop; the action runs on that event loop. Off
 * an event loop it falls back to a plain Vert.x timer.
 */
final class Timeouts {
  /** The queues of the calling event loop, one per timeout length (few: a linear scan). */
  private static final FastThreadLocal<Queue[]> QUEUES =
      new FastThreadLocal<>() {
        @Override
        protected Queue[] initialValue() {
          return new Queue[0];
        }
      };

  private static final int MAX_LENGTHS = 16;

  private Timeouts() {}

  /** A pending timeout; {@link #cancel} is idempotent and harmless after it fired. */
  interface Timeout {
    void cancel();
  }

  /** Runs {@code action} after {@code millis} unless cancelled first. */
  static Timeout schedule(Vertx vertx, long millis, Runnable action) {
    Queue queue = Context.isOnEventLoopThread() ? queue(vertx, millis) : null;
    if (queue == null) {
      long id = vertx.setTimer(Math.max(1, millis), ignored -> action.run());
      return () -> vertx.cancelTimer(id);
    }
    Entry entry = new Entry(queue, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), action);
    queue.append(entry);
    return entry;
  }

  /** The queue for this length, or null when the event loop already has too many lengths. */
  private static Queue queue(Vertx vertx, long millis) {
    Queue[] queues = QUEUES.get();
    for (Queue queue : queues) {
      if (queue.millis == millis && queue.vertx == vertx) {
        return queue;
      }
    }
    if (queues.length >= MAX_LENGTHS) {
      // Lengths computed per exchange (an expression): plain timers rather than a queue each.
      return null;
    }
    Queue created = new Queue(vertx, millis);
    Queue[] grown = java.util.Arrays.copyOf(queues, queues.length + 1);
    grown[queues.length] = created;
    QUEUES.set(grown);
    return created;
  }

  /** Pending timeouts of one length on one event loop, oldest first. */
  private static final class Queue {
    private final Vertx vertx;
    private final long millis;
    private Entry head;
    private Entry tail;
    private boolean armed;

    Queue(Vertx vertx, long millis) {
      this.vertx = vertx;
      this.millis = millis;
    }

    void append(Entry entry) {
      entry.prev = tail;
      if (tail == null) {
        head = entry;
      } else {
        tail.next = entry;
      }
      tail = entry;
      if (!armed) {
        arm(millis);
      }
    }

    void unlink(Entry entry) {
      if (entry.prev == null) {
        head = entry.next;
      } else {
        entry.prev.next = entry.next;
      }
      if (entry.next == null) {
        tail = entry.prev;
      } else {
        entry.next.prev = entry.prev;
      }
      entry.prev = null;
      entry.next = null;
    }

    private void arm(long delayMillis) {
      armed = true;
      vertx.setTimer(Math.max(1, delayMillis), id -> fire());
    }

    private void fire() {
      armed = false;
      long now = System.nanoTime();
      while (head != null && head.deadline - now <= 0) {
        Entry due = head;
        due.cancel();
        due.action.run();
      }
      if (head != null) {
        // The oldest left is due later: one timer for it (rounded up, never early).
        arm(TimeUnit.NANOSECONDS.toMillis(head.deadline - now) + 1);
      }
    }
  }

  private static final class Entry implements Timeout {
    private final Queue queue;
    private final long deadline;
    private final Runnable action;
    private Entry prev;
    private Entry next;
    private boolean done;

    Entry(Queue queue, long deadline, Runnable action) {
      this.queue = queue;
      this.deadline = deadline;
      this.action = action;
    }

    @Override
    public void cancel() {
      if (!done) {
        done = true;
        queue.unlink(this);
      }
    }
  }
}
