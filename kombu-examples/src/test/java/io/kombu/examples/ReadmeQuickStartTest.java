package io.kombu.examples;

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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The root README's quick start, as written there (printing replaced by a list, so the test can see it). */
class ReadmeQuickStartTest {
  @Test
  @DisplayName("README's quick start delivers the published order to the audit queue")
  void readmeQuickStartWorksAsWritten() {
    List<Object> printed = new ArrayList<>();

    Exchange orders = Exchange.topic("orders").build();
    Queue audit = Queue.builder("orders.audit")
        .exchange(orders).routingKey("orders.#")
        .messageTtl(Duration.ofMinutes(10)).maxPriority(9)
        .build();

    try (Connection conn = Kombu.connect("memory://");
         Producer producer = conn.producer(orders);
         Consumer consumer = conn.consumer(audit, (body, message) -> { printed.add(body); message.ack(); })) {
      producer.publish(Map.of("id", 42), PublishOptions.routingKey("orders.created"));
      conn.drainEvents(Duration.ofSeconds(1));
    }

    assertThat(printed).containsExactly(Map.of("id", 42));
  }
}
