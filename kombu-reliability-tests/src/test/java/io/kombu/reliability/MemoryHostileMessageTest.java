package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kombu.DecodeErrorHandler;
import io.kombu.Exchange;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.SerializerNotInstalledException;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hostile-message table on {@code memory://}. The memory broker has no dead-letter exchanges, so the decode-error
 * handler dead-letters by hand: it republishes the raw message (body, content type, encoding, headers) to the parking
 * queue through the loop's producer, then acks the original.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@DisplayName("Hostile messages on memory://")
class MemoryHostileMessageTest extends HostileMessageContract {
  @Override
  protected String brokerUrl() {
    return "memory://";
  }

  @Override
  protected Queue queue(String name, String parkName) {
    return Queue.builder(name).exchange(EXCHANGE).routingKey(name).durable(false).build();
  }

  @Override
  protected DecodeErrorHandler parker(ConsumerLoop loop, String parkName) {
    return republishingParker(loop, parkName);
  }

  /**
   * Dead-letters by hand, for transports without dead-letter exchanges: republishes the raw message (body, content type,
   * encoding, headers) to the parking queue through the loop's producer, then acks the original.
   *
   * @param loop the consumer loop (for its producer)
   * @param parkName the parking queue
   * @return the decode-error handler
   */
  static DecodeErrorHandler republishingParker(ConsumerLoop loop, String parkName) {
    return (message, error) -> {
      PublishOptions.Builder options = PublishOptions.builder().exchange(Exchange.DEFAULT).routingKey(parkName)
          .headers(message.headers());
      String contentType = message.contentType();
      options.contentType(contentType == null ? "application/data" : contentType)
          .contentEncoding(message.contentEncoding());
      loop.producer().publish(message.body(), options.build());
      message.ack();
    };
  }

  @Test
  @DisplayName("a consumer that accepts pickle without its library fails at once, and the loop stops instead of spinning")
  void acceptingAnUninstalledSerializerFailsFast() {
    try (Connection conn = Kombu.connect(brokerUrl())) {
      Queue queue = Queue.builder("rel.pickle-accept").durable(false).build();
      ConsumerLoop loop = ConsumerLoop.builder(conn).safetyInterval(Duration.ofMillis(100))
          .consumers(ch -> List.of(ConsumerOptions.builder(queue).accept("pickle", "json")
              .handler((body, message) -> message.ack()).build()))
          .build();
      assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(loop::run)
          .isInstanceOf(SerializerNotInstalledException.class)
          .hasMessageContaining("net.razorvine:pickle"));
      assertThat(conn.channel().queueDelete("rel.pickle-accept", false, false)).isZero();
    }
  }

  @Test
  @DisplayName("queue names and routing keys with control characters route and deliver like any other")
  void controlCharactersInKeys() {
    String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
    String queueName = "rel.ctl\u0000\u0001\n\u007f." + suffix;
    String routingKey = "rk\u0000\t\r\n\u001b[31m." + suffix;
    try (Connection conn = Kombu.connect(brokerUrl())) {
      Queue queue = Queue.builder(queueName).exchange(EXCHANGE).routingKey(routingKey).durable(false).build();
      conn.defaultChannel().declare(queue);
      conn.producer(EXCHANGE).publish(java.util.Map.of("ok", 1), PublishOptions.routingKey(routingKey));

      io.kombu.Message got = conn.defaultChannel().get(queueName).orElseThrow();
      assertThat(got.decode()).isEqualTo(java.util.Map.of("ok", 1));
      assertThat(got.deliveryInfo()).containsEntry("routing_key", routingKey);
      got.ack();
      assertThat(conn.defaultChannel().queueDelete(queueName, false, false)).isZero();
    }
  }
}
