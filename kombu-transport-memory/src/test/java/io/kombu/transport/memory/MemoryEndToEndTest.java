package io.kombu.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.Message;
import io.kombu.SimpleQueue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** memory:// under the user API of kombu-core, found through ServiceLoader. */
@DisplayName("memory:// through Kombu.connect")
class MemoryEndToEndTest {
  private final String queue = "e2e-" + UUID.randomUUID();

  @Test
  @DisplayName("a JSON map put on a simple queue comes back decoded with its routing information")
  void simpleQueueRoundTrip() {
    try (Connection conn = Kombu.connect("memory://");
        SimpleQueue q = conn.simpleQueue(queue)) {
      q.put(Map.of("id", 42, "name", "x"));
      assertThat(q.qsize()).isEqualTo(1);
      Message m = q.get(Duration.ofSeconds(5));
      assertThat(m.decode()).isEqualTo(Map.of("id", 42, "name", "x"));
      assertThat(m.routingKey()).isEqualTo(queue);
      assertThat(m.redelivered()).isFalse();
      m.ack();
      assertThat(q.qsize()).isZero();
    }
  }

  @Test
  @DisplayName("a requeued message is delivered again, flagged redelivered, from another connection")
  void requeueAcrossConnections() {
    try (Connection a = Kombu.connect("memory://");
        Connection b = Kombu.connect("memory://");
        SimpleQueue qa = a.simpleQueue(queue);
        SimpleQueue qb = b.simpleQueue(queue)) {
      qa.put("hello");
      Message first = qb.get(Duration.ofSeconds(5));
      first.requeue();
      Message again = qa.get(Duration.ofSeconds(5));
      assertThat(again.decode()).isEqualTo("hello");
      assertThat(again.redelivered()).isTrue();
      again.ack();
    }
  }

  @Test
  @DisplayName("an unacked message is restored when its connection closes")
  void unackedRestoredOnClose() {
    try (Connection keeper = Kombu.connect("memory://");
        SimpleQueue q = keeper.simpleQueue(queue)) {
      q.put("payload");
      try (Connection c = Kombu.connect("memory://");
          SimpleQueue q2 = c.simpleQueue(queue)) {
        assertThat(q2.get(Duration.ofSeconds(5)).decode()).isEqualTo("payload");
      }
      Message back = q.get(Duration.ofSeconds(5));
      assertThat(back.decode()).isEqualTo("payload");
      assertThat(back.redelivered()).isTrue();
      back.ack();
    }
  }
}
