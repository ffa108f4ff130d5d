package io.kombu.examples;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.KombuTimeoutException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kombu-Java's main job in one run: a topic exchange routing tasks to three priority queues, messages published with
 * json, msgpack and yaml (some compressed), consumed and acknowledged, with the throughput printed at the end.
 *
 * <p>Runs on the embedded {@code memory://} transport unless a broker URL is given as the first argument, and the message
 * count may follow: {@code java -jar kombu-examples.jar redis://localhost:6379/0 10000}.
 */
public final class QuickStart {
  private static final List<String> SERIALIZERS = List.of("json", "msgpack", "yaml");
  private static final List<String> LEVELS = List.of("hipri", "midpri", "lopri");

  private QuickStart() {}

  /** @param args optional broker URL, then optional message count */
  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : "memory://";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    run(url, count);
  }

  static Summary run(String url, int count) {
    Exchange tasks = Exchange.topic("quickstart.tasks").durable(false).build();
    List<Queue> queues = LEVELS.stream()
        .map(level -> Queue.builder("quickstart." + level).exchange(tasks).routingKey(level + ".#")
            .durable(false).autoDelete(true).build())
        .toList();
    Summary summary = new Summary();

    try (Connection conn = Kombu.connect(url)) {
      System.out.printf("Kombu-Java quick start on %s (%s transport)%n", conn.asUri(), conn.transportName());
      queues.forEach(q -> conn.defaultChannel().declare(q));

      long publishStart = System.nanoTime();
      try (Producer producer = conn.producer(tasks)) {
        for (int i = 0; i < count; i++) {
          String level = LEVELS.get(i % LEVELS.size());
          PublishOptions.Builder options = PublishOptions.builder()
              .routingKey(level + ".video")
              .serializer(SERIALIZERS.get((i / LEVELS.size()) % SERIALIZERS.size()))
              .header("sequence", i);
          if (i % 4 == 0) {
            options.compression("zlib");
          }
          producer.publish(Map.of("task", "transcode", "id", i, "level", level), options.build());
        }
      }
      summary.publishNanos = System.nanoTime() - publishStart;

      ConsumerOptions consumerOptions = ConsumerOptions.builder(queues)
          .accept(SERIALIZERS)
          .prefetchCount(100)
          .handler((body, message) -> {
            summary.record(message.routingKey(), message.contentType(), message.headers().containsKey("compression"));
            message.ack();
          })
          .build();
      long consumeStart = System.nanoTime();
      try (Consumer consumer = conn.consumer(consumerOptions)) {
        while (summary.received < count) {
          try {
            conn.drainEvents(Duration.ofSeconds(5));
          } catch (KombuTimeoutException e) {
            System.out.printf("Stopped waiting: %d of %d messages arrived.%n", summary.received, count);
            break;
          }
        }
      }
      summary.consumeNanos = System.nanoTime() - consumeStart;
    }
    summary.print(count);
    return summary;
  }

  /** What the run saw; filled on the draining thread only. */
  static final class Summary {
    int received;
    int compressed;
    final Map<String, Integer> byRoutingKey = new TreeMap<>();
    final Map<String, Integer> byContentType = new TreeMap<>();
    long publishNanos;
    long consumeNanos;

    void record(String routingKey, String contentType, boolean wasCompressed) {
      received++;
      if (wasCompressed) {
        compressed++;
      }
      byRoutingKey.merge(routingKey, 1, Integer::sum);
      byContentType.merge(String.valueOf(contentType), 1, Integer::sum);
    }

    void print(int published) {
      System.out.printf("Published %d messages in %.1f ms (%,.0f msg/s)%n",
          published, publishNanos / 1e6, published / (publishNanos / 1e9));
      System.out.printf("Consumed and acked %d messages in %.1f ms (%,.0f msg/s)%n",
          received, consumeNanos / 1e6, received / (consumeNanos / 1e9));
      System.out.println("By routing key:  " + byRoutingKey);
      System.out.println("By content type: " + byContentType);
      System.out.println("Compressed (zlib): " + compressed);
    }
  }
}
