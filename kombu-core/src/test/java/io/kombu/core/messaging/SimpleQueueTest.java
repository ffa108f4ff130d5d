package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Message;
import io.kombu.MessageState;
import io.kombu.QueueEmptyException;
import io.kombu.SimpleQueue;
import io.kombu.core.internal.messaging.KombuConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SimpleQueue works like a queue over Kombu entities")
class SimpleQueueTest {
  private final TestConnections env = new TestConnections();
  private KombuConnection conn;

  @BeforeEach
  void setUp() {
    conn = env.connect("fake://h");
  }

  @AfterEach
  void tearDown() {
    conn.close();
  }

  @Test
  @DisplayName("put then get returns the body in order, and qsize counts what waits")
  void putGet() {
    try (SimpleQueue queue = conn.simpleQueue("logs")) {
      queue.put(Map.of("n", 1));
      queue.put(Map.of("n", 2));
      assertThat(queue.qsize()).isEqualTo(2);
      Message first = queue.get(Duration.ofSeconds(1));
      assertThat(first.payload()).isEqualTo(Map.of("n", 1));
      first.ack();
      assertThat(queue.get(Duration.ofSeconds(1)).decode()).isEqualTo(Map.of("n", 2));
    }
    assertThat(env.broker.calls).contains("exchangeDeclare logs", "queueDeclare logs", "queueBind logs logs logs");
  }

  @Test
  @DisplayName("get on an empty queue throws QueueEmptyException after the timeout")
  void getTimesOut() {
    try (SimpleQueue queue = conn.simpleQueue("empty")) {
      assertThatThrownBy(() -> queue.get(Duration.ofMillis(50))).isInstanceOf(QueueEmptyException.class)
          .hasMessageContaining("empty");
      assertThatThrownBy(queue::getNowait).isInstanceOf(QueueEmptyException.class);
    }
  }

  @Test
  @DisplayName("getNowait fetches with basic.get and clear purges")
  void getNowaitAndClear() {
    try (SimpleQueue queue = conn.simpleQueue("q")) {
      queue.put("a");
      assertThat(queue.getNowait().decode()).isEqualTo("a");
      queue.put("b");
      queue.put("c");
      assertThat(queue.clear()).isEqualTo(2);
      assertThat(queue.qsize()).isZero();
    }
  }

  @Test
  @DisplayName("a simple buffer publishes transient messages that need no ack")
  void simpleBuffer() {
    try (SimpleQueue buffer = conn.simpleBuffer("buf")) {
      buffer.put("x");
      assertThat(env.broker.published.get(0).properties()).containsEntry("delivery_mode", 1);
      Message m = buffer.get(Duration.ofSeconds(1));
      m.ack();
      assertThat(m.state()).isEqualTo(MessageState.RECEIVED);
      assertThat(env.broker.calls).noneMatch(c -> c.startsWith("basicAck"));
    }
  }

  @Test
  @DisplayName("closing a simple queue returns an unsettled message to the queue")
  void closeReturnsUnsettled() {
    SimpleQueue queue = conn.simpleQueue("q");
    queue.put("a");
    queue.get(Duration.ofSeconds(1));
    queue.close();
    queue.close();
    assertThat(env.broker.size("q")).isEqualTo(1);
  }
}
