package io.kombu.benchmarks.amqp;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.DeliveryMode;
import io.kombu.KombuTimeoutException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import java.time.Duration;
import java.util.Map;

/**
 * Kombu-Java on {@code amqp://}: persistent publishes of a small map (JSON-encoded per message) and a consumer with a
 * prefetch limit that receives the decoded body and acks each message, driven by {@code drainEvents} on the calling
 * thread.
 *
 * <p>Thread-safety: not thread-safe; one benchmark thread.
 */
final class KombuAmqpBench {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final Connection conn;
  private final Map<String, Object> body;
  private final QueueWatcher watcher;

  KombuAmqpBench(Connection conn, Map<String, Object> body, QueueWatcher watcher) {
    this.conn = conn;
    this.body = body;
    this.watcher = watcher;
  }

  /** Publishes {@code n} persistent messages; done when the broker holds them all. */
  Measurement publish(String queue, int n) {
    Producer producer = conn.defaultChannel().producer();
    PublishOptions options = PublishOptions.builder().routingKey(queue).deliveryMode(DeliveryMode.PERSISTENT).build();
    Stopwatch watch = Stopwatch.currentThread();
    for (int i = 0; i < n; i++) {
      producer.publish(body, options);
    }
    watch.workDone();
    watcher.awaitCount(queue, n);
    return watch.stop(n);
  }

  /** Consumes and acks {@code n} messages already in {@code queue}. */
  Measurement consumeAck(String queue, int n, int prefetch) {
    int[] received = new int[1];
    try (io.kombu.Channel channel = conn.channel()) {
      // Started before basic.consume, as for the raw client: the broker pushes the first prefetch window at once.
      Stopwatch watch = Stopwatch.allThreads();
      Consumer consumer = channel.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(prefetch)
          .handler((decoded, message) -> {
            message.ack();
            received[0]++;
          }).build());
      try {
        while (received[0] < n) {
          try {
            conn.drainEvents(DRAIN_TIMEOUT);
          } catch (KombuTimeoutException e) {
            throw new IllegalStateException("the Kombu consumer stalled at " + received[0] + " of " + n + " messages",
                e);
          }
        }
        return watch.stop(n);
      } finally {
        consumer.close();
      }
    }
  }
}
