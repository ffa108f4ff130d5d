package io.kombu.cli;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.KombuTimeoutException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kombu demo}: Kombu's main job in one run. A topic exchange routes tasks to three queues by priority level;
 * messages go out as json, msgpack and yaml, every fourth one compressed; a consumer takes them all with acks; the
 * command prints what arrived where and the throughput.
 *
 * <p>Thread-safety: a command object is used for one run on one thread.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Declare a topic exchange and three queues, publish json/msgpack/yaml messages (some compressed),"
        + " consume them with acks, and print what happened and the throughput.")
final class DemoCommand implements Callable<Integer> {
  static final String EXCHANGE = "kombu.demo.tasks";
  static final List<String> LEVELS = List.of("hipri", "midpri", "lopri");
  static final List<String> SERIALIZERS = List.of("json", "msgpack", "yaml");

  @Spec CommandSpec spec;

  @Option(names = "--url", defaultValue = "memory://", paramLabel = "URL", description = "Broker URL (default: ${DEFAULT-VALUE}, in this JVM).")
  String url;

  @Option(names = {"-n", "--messages"}, defaultValue = "3000", paramLabel = "N", description = "How many messages (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--compression", defaultValue = "zlib", paramLabel = "C",
      description = "Codec for every fourth message (default: ${DEFAULT-VALUE}).")
  String compression;

  @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
      description = "Seconds to wait for the next message before giving up (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Override
  @SuppressWarnings("try") // the consumer and the exit guard work by being open, not by being called
  public Integer call() {
    if (messages < 1) {
      throw new CliArgumentException("--messages must be at least 1, was " + messages);
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean terminal = System.console() != null;
    Exchange tasks = Exchange.topic(EXCHANGE).durable(false).build();
    List<Queue> queues = LEVELS.stream()
        .map(level -> Queue.builder("kombu.demo." + level).exchange(tasks).routingKey(level + ".#")
            .durable(false).autoDelete(true).build())
        .toList();
    Tally tally = new Tally();

    try (Connection conn = Connections.open(url); CloseOnExit onExit = new CloseOnExit(conn)) {
      out.printf("Kombu-Java demo on %s (%s transport)%n", conn.asUri(), conn.transportName());
      for (Queue queue : queues) {
        conn.defaultChannel().declare(queue);
        conn.defaultChannel().queuePurge(queue.name());
      }
      out.printf("Declared topic exchange %s and queues %s bound by %s%n", EXCHANGE,
          queues.stream().map(Queue::name).toList(), queues.stream().map(Queue::routingKey).toList());

      out.printf("Publishing %d messages (%s; every 4th compressed with %s)%n", messages,
          String.join(", ", SERIALIZERS), compression);
      ProgressLine publishing = new ProgressLine(out, "published", messages, terminal);
      long publishStart = System.nanoTime();
      try (Producer producer = conn.producer(tasks)) {
        for (int i = 0; i < messages; i++) {
          producer.publish(body(i), options(i));
          publishing.update(i + 1L);
        }
      }
      long publishNanos = System.nanoTime() - publishStart;
      out.printf("Published %d messages in %.1f ms (%,.0f msg/s)%n", messages, publishNanos / 1e6,
          messages / (publishNanos / 1e9));

      ProgressLine consuming = new ProgressLine(out, "acked", messages, terminal);
      ConsumerOptions consumerOptions = ConsumerOptions.builder(queues)
          .accept(SERIALIZERS)
          .prefetchCount(100)
          .handler((body, message) -> {
            tally.record(message.routingKey(), message.contentType(),
                message.headers().containsKey("compression"));
            message.ack();
            consuming.update(tally.received);
          })
          .build();
      long consumeStart = System.nanoTime();
      boolean timedOut = false;
      try (Consumer consumer = conn.consumer(consumerOptions)) {
        while (tally.received < messages) {
          try {
            conn.drainEvents(Duration.ofMillis((long) (timeoutSeconds * 1000)));
          } catch (KombuTimeoutException e) {
            timedOut = true;
            break;
          }
        }
      }
      long consumeNanos = System.nanoTime() - consumeStart;
      consuming.finish();
      out.printf("Consumed and acked %d messages in %.1f ms (%,.0f msg/s)%n", tally.received, consumeNanos / 1e6,
          tally.received / (consumeNanos / 1e9));
      out.println("By routing key:  " + tally.byRoutingKey);
      out.println("By content type: " + tally.byContentType);
      out.println("Compressed (" + compression + "): " + tally.compressed);
      for (Queue queue : queues) {
        conn.defaultChannel().queueDelete(queue.name(), false, false);
      }
      conn.defaultChannel().exchangeDelete(EXCHANGE, false);
      if (timedOut) {
        spec.commandLine().getErr().printf("kombu: error: stopped waiting after %s s: %d of %d messages arrived%n",
            timeoutSeconds, tally.received, messages);
        return ExitCodes.TIMEOUT;
      }
      return ExitCodes.OK;
    }
  }

  private static Map<String, Object> body(int i) {
    return Map.of("task", "transcode", "id", i, "level", LEVELS.get(i % LEVELS.size()));
  }

  private PublishOptions options(int i) {
    PublishOptions.Builder options = PublishOptions.builder()
        .routingKey(LEVELS.get(i % LEVELS.size()) + ".video")
        // Every nine messages cover each (queue, serializer) pair once.
        .serializer(SERIALIZERS.get((i / LEVELS.size() + i) % SERIALIZERS.size()))
        .header("sequence", i);
    if (i % 4 == 0) {
      options.compression(compression);
    }
    return options.build();
  }

  /** What the consumer saw; touched only on the draining thread. */
  private static final class Tally {
    int received;
    int compressed;
    final Map<String, Integer> byRoutingKey = new TreeMap<>();
    final Map<String, Integer> byContentType = new TreeMap<>();

    void record(String routingKey, @Nullable String contentType, boolean wasCompressed) {
      received++;
      if (wasCompressed) {
        compressed++;
      }
      byRoutingKey.merge(routingKey, 1, Integer::sum);
      byContentType.merge(String.valueOf(contentType), 1, Integer::sum);
    }
  }
}
