package io.kombu.benchmarks.amqp;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks RabbitMQ how many messages a queue holds ({@code queue.declare passive}), on a channel of its own.
 *
 * <p>Thread-safety: not thread-safe; one benchmark thread.
 */
final class QueueWatcher {
  private static final long TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Channel admin;

  QueueWatcher(Channel admin) {
    this.admin = admin;
  }

  /** Waits until {@code queue} holds at least {@code n} messages: a publish counts once the broker has stored it. */
  void awaitCount(String queue, int n) {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (count(queue) < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("queue " + queue + " did not reach " + n + " messages within 2 minutes");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** @return the messages ready in {@code queue} */
  long count(String queue) {
    try {
      return admin.queueDeclarePassive(queue).getMessageCount();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the message count of " + queue + ": " + e.getMessage(), e);
    }
  }
}
