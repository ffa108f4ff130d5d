package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.ReturnedMessage;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.spi.ErrorKind;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@RequiresBroker("amqp")
@DisplayName("AMQP-only features through the Kombu API")
class AmqpKombuApiIT {
  private final String name = "amqp-api-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    try (Connection c = Kombu.connect(TestBrokers.url("amqp"))) {
      c.defaultChannel().queueDelete(name, false, false);
    }
  }

  @Test
  @DisplayName("a mandatory publish nobody can route reaches the producer's onReturn, decodable, in drainEvents")
  void producerOnReturn() {
    List<ReturnedMessage> returned = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"))) {
      Producer producer = conn.producer(ProducerOptions.builder().exchange(Exchange.DEFAULT).onReturn(returned::add).build());

      producer.publish(Map.of("lost", true), PublishOptions.builder().routingKey(name + "-nowhere").mandatory(true).build());
      conn.drainEvents(Duration.ofSeconds(10));
    }

    assertThat(returned).hasSize(1);
    ReturnedMessage r = returned.get(0);
    assertThat(r.replyCode()).isEqualTo(312);
    assertThat(r.replyText()).isEqualTo("NO_ROUTE");
    assertThat(r.routingKey()).isEqualTo(name + "-nowhere");
    assertThat(r.message().decode()).isEqualTo(Map.of("lost", true));
  }

  @Test
  @DisplayName("with confirm_publish a publish the broker nacks fails with a recoverable MessageNackedException")
  void confirmsThroughKombu() {
    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"), TransportOptions.of(Map.of("confirm_publish", true)))) {
      Queue queue = Queue.builder(name).durable(false).maxLength(1).queueArguments(Map.of("x-overflow", "reject-publish")).build();
      conn.defaultChannel().declare(queue);
      Producer producer = conn.producer();

      producer.publish("first", PublishOptions.routingKey(name));

      assertThatThrownBy(() -> producer.publish("second", PublishOptions.routingKey(name)))
          .isInstanceOf(MessageNackedException.class)
          .satisfies(e -> assertThat(ErrorKind.of(e)).isEqualTo(ErrorKind.RECOVERABLE_CONNECTION));
      assertThat(conn.defaultChannel().queueDeclarePassive(name).messageCount()).isEqualTo(1);
    }
  }
}
