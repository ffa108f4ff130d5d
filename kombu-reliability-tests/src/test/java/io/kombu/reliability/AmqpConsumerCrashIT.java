package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A consumer in a child JVM takes messages without acking them and is killed with SIGKILL ({@code destroyForcibly})
 * while holding them: RabbitMQ must hand every one of them, flagged redelivered, to the next consumer.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@RequiresBroker("amqp")
@DisplayName("A consumer JVM killed while holding unacked messages loses none of them (AMQP)")
class AmqpConsumerCrashIT {
  private static final int COUNT = 20;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  @DisplayName("SIGKILL of the consumer process: all held messages are delivered again to a new consumer")
  void killedConsumerLosesNothing() throws Exception {
    killAndRecover(TestBrokers.url("amqp"), "");
  }

  /**
   * Publishes, lets a child JVM take every message without acking, kills it, and consumes them all again.
   *
   * @param url the broker
   * @param options transport options for the child and the new consumer, as {@code k=v,k=v} (may be empty)
   */
  static void killAndRecover(String url, String options) throws Exception {
    String name = "rel.crash." + UUID.randomUUID().toString().substring(0, 8);
    Queue queue = Queue.builder(name).durable(false).build();
    try (Connection conn = Kombu.connect(url, TransportOptions.of(parse(options)))) {
      conn.defaultChannel().declare(queue);
      try (Producer producer = conn.producer()) {
        for (int i = 0; i < COUNT; i++) {
          producer.publish(Map.of("seq", i), PublishOptions.routingKey(name));
        }
      }
      Process child = startChild(url, name, options);
      try {
        awaitHeld(child);
        assertThat(HostileMessageContract.messageCount(conn.defaultChannel(), name))
            .as("messages ready while the child holds them all").isZero();
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the child ended").isTrue();
      }

      List<Message> again = new CopyOnWriteArrayList<>();
      conn.channel().consumer(ConsumerOptions.builder(queue).onMessage(again::add).build());
      Poll.until(COUNT + " redelivered messages", WAIT, () -> {
        drainOnce(conn);
        return again.size() >= COUNT;
      });
      Set<Integer> seqs = new TreeSet<>();
      for (Message m : again) {
        assertThat(m.redelivered()).as("redelivered flag").isTrue();
        seqs.add(((Number) ((Map<?, ?>) m.decode()).get("seq")).intValue());
        m.ack();
      }
      assertThat(again).as("deliveries after the kill").hasSize(COUNT);
      assertThat(seqs).hasSize(COUNT);
      conn.defaultChannel().queueDelete(name, false, false);
    }
  }

  private static Map<String, String> parse(String options) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    if (!options.isEmpty()) {
      for (String pair : options.split(",")) {
        String[] kv = pair.split("=", 2);
        map.put(kv[0], kv[1]);
      }
    }
    return map;
  }

  private static Process startChild(String url, String queueName, String options) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = Files.createTempFile("rel-child-consumer", ".log");
    log.toFile().deleteOnExit();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        ChildConsumer.class.getName(), url, queueName, Integer.toString(COUNT)));
    if (!options.isEmpty()) {
      command.add(options);
    }
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }

  private static void awaitHeld(Process child) throws Exception {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        while ((l = in.readLine()) != null) {
          if (l.startsWith(ChildConsumer.HELD)) {
            return l;
          }
        }
        return "child ended without holding the messages";
      } catch (IOException e) {
        return "cannot read the child's output: " + e;
      }
    });
    assertThat(line.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ChildConsumer.HELD + COUNT);
  }

  private static void drainOnce(Connection conn) {
    try {
      conn.drainEvents(Duration.ofMillis(200));
    } catch (KombuTimeoutException e) {
      // nothing this round; the poll asks again
    }
  }
}
