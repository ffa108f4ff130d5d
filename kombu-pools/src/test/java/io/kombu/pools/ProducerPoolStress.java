package io.kombu.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.KombuTimeoutException;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many threads publish through one producer pool, then one consumer takes everything back: every message must arrive
 * exactly once, and the pools must end with nothing in use and no more resources than their limit.
 */
final class ProducerPoolStress {
  private static final Logger log = LoggerFactory.getLogger(ProducerPoolStress.class);

  /** Measured rates, for the report. */
  record Result(int messages, Duration publishing, Duration consuming) {
    double publishRate() {
      return messages / (publishing.toNanos() / 1e9);
    }

    double consumeRate() {
      return messages / (consuming.toNanos() / 1e9);
    }
  }

  private ProducerPoolStress() {}

  /**
   * @param perThreadProperty system property that overrides the per-thread count
   * @param defaultPerThread per-thread count when the property is not set
   * @return the count to use
   */
  static int perThread(String perThreadProperty, int defaultPerThread) {
    return Integer.getInteger(perThreadProperty, defaultPerThread);
  }

  static Result run(String url, int threads, int perThread, int limit, Duration consumeDeadline) throws Exception {
    String name = "pools-stress-" + UUID.randomUUID();
    Exchange exchange = Exchange.direct(name).build();
    Queue queue = Queue.builder(name).exchange(exchange).routingKey(name).build();
    int total = threads * perThread;
    Connection template = Kombu.connect(url);
    try (PoolGroups groups = new PoolGroups(limit)) {
      ProducerPool producers = groups.producers().get(template);
      ConnectionPool connections = producers.connections();
      assertThat(producers.inUse()).isZero();
      assertThat(connections.inUse()).isZero();
      producers.run(Duration.ofSeconds(30), p -> p.channel().declare(queue));

      ExecutorService executor = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      PublishOptions options = PublishOptions.builder().exchange(exchange).routingKey(name).build();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(executor.submit(() -> {
          start.await();
          for (int i = 0; i < perThread; i++) {
            try (PooledProducer producer = producers.acquire(Duration.ofSeconds(60))) {
              producer.publish(Integer.toString(thread * perThread + i), options);
            }
          }
          return null;
        }));
      }
      long publishStart = System.nanoTime();
      start.countDown();
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
      Duration publishing = Duration.ofNanos(System.nanoTime() - publishStart);
      executor.shutdown();

      assertThat(producers.inUse()).as("producers in use after publishing").isZero();
      assertThat(connections.inUse()).as("connections in use after publishing").isZero();
      assertThat(producers.free()).as("producers created").isBetween(1, limit);
      assertThat(connections.free()).as("connections created").isBetween(1, limit);

      byte[] seen = new byte[total];
      AtomicInteger received = new AtomicInteger();
      AtomicInteger duplicates = new AtomicInteger();
      AtomicInteger strangers = new AtomicInteger();
      long consumeStart = System.nanoTime();
      try (Connection reader = template.clone();
          Consumer consumer = reader.consumer(ConsumerOptions.builder(queue).noAck(true)
              .handler((body, message) -> {
                int n;
                try {
                  n = Integer.parseInt(String.valueOf(body));
                } catch (NumberFormatException e) {
                  strangers.incrementAndGet();
                  return;
                }
                if (n < 0 || n >= total) {
                  strangers.incrementAndGet();
                } else if (seen[n]++ > 0) {
                  duplicates.incrementAndGet();
                } else {
                  received.incrementAndGet();
                }
              }).build())) {
        long deadline = System.nanoTime() + consumeDeadline.toNanos();
        while (received.get() < total && System.nanoTime() < deadline) {
          try {
            reader.drainEvents(Duration.ofSeconds(1));
          } catch (KombuTimeoutException e) {
            log.debug("No message within a second; {} of {} received so far", received.get(), total);
          }
        }
        Duration consuming = Duration.ofNanos(System.nanoTime() - consumeStart);
        // Anything still arriving now would be a duplicate.
        try {
          reader.drainEvents(Duration.ofMillis(200));
        } catch (KombuTimeoutException e) {
          log.debug("Nothing left after all {} messages, as expected", total);
        }
        consumer.cancel();
        assertThat(received.get()).as("distinct messages received").isEqualTo(total);
        assertThat(duplicates.get()).as("duplicates").isZero();
        assertThat(strangers.get()).as("unexpected bodies").isZero();
        reader.channel().queueDelete(name, false, false);
        reader.channel().exchangeDelete(name, false);
        Result result = new Result(total, publishing, consuming);
        log.info("{}: {} threads x {} publishes through a producer pool of {}: publish {} msg/s ({} ms), consume {}"
            + " msg/s ({} ms); producers created {}, connections created {}", template.transportName(), threads,
            perThread, limit, Math.round(result.publishRate()), publishing.toMillis(),
            Math.round(result.consumeRate()), consuming.toMillis(), producers.free(), connections.free());
        return result;
      }
    } finally {
      template.close();
    }
  }
}
