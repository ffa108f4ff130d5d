package io.kombu.benchmarks.redis;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kombu-Java on {@code redis://}: single publishes, {@code publishAll} batches, a consumer with prefetch 100 that acks
 * every message, and publish-then-receive-one round trips.
 *
 * <p>Thread-safety: not thread-safe; one benchmark thread.
 */
final class KombuRedisBench {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  private final String url;
  private final Map<String, Object> body;

  KombuRedisBench(String url, Map<String, Object> body) {
    this.url = url;
    this.body = body;
  }

  /** @return messages per second, one {@code publish} per message */
  double singlePublish(String queue, int n) {
    try (Connection conn = Kombu.connect(url)) {
      conn.defaultChannel().declare(Queue.of(queue));
      Producer producer = conn.producer();
      PublishOptions options = PublishOptions.routingKey(queue);
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        producer.publish(body, options);
      }
      return RawJedisBench.perSecond(n, System.nanoTime() - start);
    }
  }

  /** @return messages per second, {@code publishAll} of {@code batch} bodies per call */
  double batchPublish(String queue, int n, int batch) {
    try (Connection conn = Kombu.connect(url)) {
      conn.defaultChannel().declare(Queue.of(queue));
      Producer producer = conn.producer();
      PublishOptions options = PublishOptions.routingKey(queue);
      List<Object> bodies = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        bodies.add(body);
      }
      long start = System.nanoTime();
      for (int done = 0; done < n; done += batch) {
        producer.publishAll(done + batch <= n ? bodies : bodies.subList(0, n - done), options);
      }
      return RawJedisBench.perSecond(n, System.nanoTime() - start);
    }
  }

  /** @return messages per second consumed and acked by one consumer with the given prefetch, queue filled first */
  double consumeAck(String queue, int n, int prefetch) {
    batchPublish(queue, n, 100);
    int[] received = new int[1];
    try (Connection conn = Kombu.connect(url)) {
      long start = System.nanoTime();
      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(prefetch)
          .handler((b, m) -> {
            m.ack();
            received[0]++;
          }).build())) {
        while (received[0] < n) {
          conn.drainEvents(DRAIN_TIMEOUT);
        }
      }
      return RawJedisBench.perSecond(n, System.nanoTime() - start);
    }
  }

  /** @return nanoseconds of each publish-then-receive-one round trip (the consumer acks each message) */
  long[] roundTrips(String queue, int iterations) {
    long[] out = new long[iterations];
    int[] received = new int[1];
    try (Connection conn = Kombu.connect(url)) {
      Producer producer = conn.producer();
      PublishOptions options = PublishOptions.routingKey(queue);
      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(100)
          .handler((b, m) -> {
            m.ack();
            received[0]++;
          }).build())) {
        for (int i = 0; i < iterations; i++) {
          long start = System.nanoTime();
          producer.publish(body, options);
          while (received[0] <= i) {
            conn.drainEvents(DRAIN_TIMEOUT);
          }
          out[i] = System.nanoTime() - start;
        }
      }
    }
    return out;
  }
}
