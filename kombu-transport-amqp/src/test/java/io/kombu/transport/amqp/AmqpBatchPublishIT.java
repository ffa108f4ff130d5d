package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.Message;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.ReturnedMessage;
import io.kombu.SimpleQueue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.spi.ErrorKind;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@RequiresBroker("amqp")
@DisplayName("Producer.publishAll on AMQP (one confirm wait per batch)")
class AmqpBatchPublishIT {
  private static final TransportOptions CONFIRMS = TransportOptions.of(Map.of("confirm_publish", true));
  private final String name = "amqp-batch-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    try (Connection c = Kombu.connect(TestBrokers.url("amqp"))) {
      c.defaultChannel().queueDelete(name, false, false);
    }
  }

  @Test
  @DisplayName("with confirm_publish a batch of 1000 is stored whole and in order once publishAll returns")
  void confirmedBatchIsStoredInOrder() {
    List<Integer> bodies = IntStream.range(0, 1000).boxed().toList();
    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"), CONFIRMS)) {
      conn.defaultChannel().declare(Queue.of(name));

      conn.producer().publishAll(bodies, PublishOptions.routingKey(name));

      // Confirmed means stored: the count is exact at once, no waiting for the broker to catch up.
      assertThat(conn.defaultChannel().queueDeclarePassive(name).messageCount()).isEqualTo(1000);
      List<Object> received = new ArrayList<>();
      try (SimpleQueue queue = conn.simpleQueue(name)) {
        for (int i = 0; i < 1000; i++) {
          Message m = queue.get(Duration.ofSeconds(10));
          received.add(m.decode());
          m.ack();
        }
      }
      assertThat(received).isEqualTo(new ArrayList<Object>(bodies));
    }
  }

  @Test
  @DisplayName("a batch the broker partly nacks fails with a recoverable MessageNackedException; the channel stays usable")
  void nackedBatch() {
    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"), CONFIRMS)) {
      Queue queue = Queue.builder(name).durable(false).maxLength(2).queueArguments(Map.of("x-overflow", "reject-publish"))
          .build();
      conn.defaultChannel().declare(queue);
      Producer producer = conn.producer();

      assertThatThrownBy(() -> producer.publishAll(List.of("a", "b", "c", "d", "e"), PublishOptions.routingKey(name)))
          .isInstanceOf(MessageNackedException.class)
          .hasMessageContaining("batch of 5")
          .satisfies(e -> assertThat(ErrorKind.of(e)).isEqualTo(ErrorKind.RECOVERABLE_CONNECTION));

      assertThat(conn.defaultChannel().queueDeclarePassive(name).messageCount()).isEqualTo(2);
      conn.defaultChannel().queuePurge(name);
      producer.publishAll(List.of("f", "g"), PublishOptions.routingKey(name));
      assertThat(conn.defaultChannel().queueDeclarePassive(name).messageCount()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("without confirms a mandatory batch still returns each unroutable message to onReturn")
  void mandatoryBatchReturns() {
    List<ReturnedMessage> returned = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"))) {
      Producer producer = conn.producer(ProducerOptions.builder().exchange(Exchange.DEFAULT).onReturn(returned::add).build());

      producer.publishAll(List.of(1, 2, 3), PublishOptions.builder().routingKey(name + "-nowhere").mandatory(true).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (returned.size() < 3 && System.nanoTime() < deadline) {
        conn.drainEvents(Duration.ofSeconds(10));
      }
    }

    assertThat(returned).extracting(r -> r.message().decode()).containsExactly(1, 2, 3);
    assertThat(returned).allSatisfy(r -> assertThat(r.replyText()).isEqualTo("NO_ROUTE"));
  }
}
