package io.kombu.transport.memory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** STYLE.md §3's example, on memory:// instead of amqp://. */
@DisplayName("The style guide's topic exchange example delivers orders.created to the audit queue")
class StyleGuideExampleTest {
  @Test
  @DisplayName("a message published with routing key orders.created reaches the orders.# queue")
  void topicExample() {
    String id = UUID.randomUUID().toString();
    Exchange orders = Exchange.topic("orders-" + id).build();
    Queue audit = Queue.builder("orders.audit-" + id)
        .exchange(orders).routingKey("orders.#")
        .messageTtl(Duration.ofMinutes(10)).maxPriority(9)
        .build();
    List<Object> handled = new ArrayList<>();

    try (Connection conn = Kombu.connect("memory://");
        Producer producer = conn.producer(orders);
        Consumer consumer = conn.consumer(audit, (body, message) -> {
          handled.add(body);
          message.ack();
        })) {
      producer.publish(Map.of("id", 42), PublishOptions.routingKey("orders.created"));
      conn.drainEvents(Duration.ofSeconds(1));
      assertThat(consumer.consumingFrom(audit.name())).isTrue();
    }
    assertThat(handled).containsExactly(Map.of("id", 42));
  }
}
