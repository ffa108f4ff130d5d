package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The in-process equivalent of a consumer crash on {@code memory://}: a child JVM cannot share the memory broker, so the
 * consumer "dies" by losing its channel, its connection, or its loop (a handler that throws), while holding unacked
 * messages. Every held message must come back, flagged redelivered, to the next consumer.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@DisplayName("Unacked messages on memory:// survive the consumer that held them")
class MemoryRedeliveryTest {
  private static final int COUNT = 5;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  @DisplayName("a channel closed without acks gives every held message to the next consumer")
  void channelClosedWithoutAcks() {
    String name = queueName();
    try (Connection conn = Kombu.connect("memory://")) {
      publish(conn, name);
      Channel channel = conn.channel();
      List<Message> held = holdAll(conn, channel, name);
      assertThat(held).hasSize(COUNT).noneMatch(Message::isAcknowledged);

      channel.close();

      assertThat(consumeAll(name, COUNT)).containsExactlyInAnyOrderElementsOf(sequence()).hasSize(COUNT);
    }
  }

  @Test
  @DisplayName("a connection closed without acks gives every held message to the next consumer")
  void connectionClosedWithoutAcks() {
    String name = queueName();
    try (Connection publisher = Kombu.connect("memory://")) {
      publish(publisher, name);
    }
    Connection conn = Kombu.connect("memory://");
    List<Message> held = holdAll(conn, conn.channel(), name);
    assertThat(held).hasSize(COUNT);

    conn.close();

    assertThat(consumeAll(name, COUNT)).containsExactlyInAnyOrderElementsOf(sequence()).hasSize(COUNT);
  }

  @Test
  @DisplayName("a consumer loop whose handler throws gives its unacked message back when the loop ends")
  void loopThatCrashesInItsHandler() {
    String name = queueName();
    Queue queue = Queue.builder(name).durable(false).build();
    try (Connection conn = Kombu.connect("memory://")) {
      publish(conn, name);
      List<Object> seen = new CopyOnWriteArrayList<>();
      ConsumerLoop crashing = ConsumerLoop.builder(conn).safetyInterval(Duration.ofMillis(100))
          .consumers(ch -> List.of(ConsumerOptions.builder(queue).prefetchCount(1).handler((body, message) -> {
            seen.add(body);
            throw new IllegalStateException("simulated crash while holding " + body);
          }).build()))
          .build();

      assertTimeoutPreemptively(WAIT, () -> assertThatThrownBy(crashing::run)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("simulated crash"));
      assertThat(seen).hasSize(1);

      assertThat(consumeAll(name, 1)).containsExactlyInAnyOrderElementsOf(sequence()).hasSize(COUNT);
    }
  }

  private static String queueName() {
    return "rel.redeliver." + UUID.randomUUID().toString().substring(0, 8);
  }

  private static void publish(Connection conn, String name) {
    conn.defaultChannel().declare(Queue.builder(name).durable(false).build());
    try (Producer producer = conn.producer()) {
      for (int i = 0; i < COUNT; i++) {
        producer.publish(Map.of("seq", i), PublishOptions.routingKey(name));
      }
    }
  }

  private static List<Message> holdAll(Connection conn, Channel channel, String name) {
    List<Message> held = new CopyOnWriteArrayList<>();
    channel.consumer(ConsumerOptions.builder(Queue.builder(name).durable(false).build())
        .onMessage(held::add).build());
    Poll.until(COUNT + " messages held unacked", WAIT, () -> {
      drainOnce(conn);
      return held.size() == COUNT;
    });
    return held;
  }

  /**
   * @param held how many messages a dead consumer held: exactly these come back flagged redelivered
   * @return the "seq" of every message a fresh connection finds, each acked
   */
  private static Set<Integer> consumeAll(String name, int held) {
    Set<Integer> seqs = new TreeSet<>();
    List<Message> all = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect("memory://")) {
      conn.channel().consumer(ConsumerOptions.builder(Queue.builder(name).durable(false).build())
          .onMessage(all::add).build());
      Poll.until(COUNT + " redelivered messages", WAIT, () -> {
        drainOnce(conn);
        return all.size() >= COUNT;
      });
      assertThat(all.stream().filter(Message::redelivered)).as("messages flagged redelivered").hasSize(held);
      for (Message m : all) {
        seqs.add(((Number) ((Map<?, ?>) m.decode()).get("seq")).intValue());
        m.ack();
      }
      assertThat(conn.defaultChannel().queueDeclarePassive(name).messageCount()).isZero();
      conn.defaultChannel().queueDelete(name, false, false);
    }
    assertThat(all).as("deliveries, no duplicates").hasSize(COUNT);
    return seqs;
  }

  private static void drainOnce(Connection conn) {
    try {
      conn.drainEvents(Duration.ofMillis(200));
    } catch (KombuTimeoutException e) {
      // nothing arrived in this round; the poll asks again
    }
  }

  private static List<Integer> sequence() {
    return java.util.stream.IntStream.range(0, COUNT).boxed().toList();
  }
}
