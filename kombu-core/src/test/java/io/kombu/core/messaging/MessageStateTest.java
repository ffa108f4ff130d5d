package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Message;
import io.kombu.MessageState;
import io.kombu.MessageStateException;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.CompressorRegistry;
import io.kombu.core.SerializerRegistry;
import io.kombu.core.internal.messaging.KombuConnection;
import io.kombu.core.internal.messaging.KombuMessage;
import io.kombu.spi.Delivery;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A message settles exactly once")
class MessageStateTest {
  private final TestConnections env = new TestConnections();
  private KombuConnection conn;

  @BeforeEach
  void setUp() {
    conn = env.connect("fake://localhost");
    conn.defaultChannel().declare(Queue.of("q"));
  }

  @AfterEach
  void tearDown() {
    conn.close();
  }

  private Message fetch(boolean noAck) {
    conn.producer().publish(Map.of("n", 1), PublishOptions.routingKey("q"));
    return conn.defaultChannel().get("q", noAck, null).orElseThrow();
  }

  @Test
  @DisplayName("ack moves RECEIVED to ACK and a second ack says the message is already acknowledged")
  void ackTwice() {
    Message m = fetch(false);
    assertThat(m.state()).isEqualTo(MessageState.RECEIVED);
    assertThat(m.decode()).isEqualTo(Map.of("n", 1));
    m.ack();
    assertThat(m.state()).isEqualTo(MessageState.ACK);
    assertThat(m.isAcknowledged()).isTrue();
    assertThatThrownBy(m::ack).isInstanceOf(MessageStateException.class)
        .hasMessage("Message already acknowledged with state: ACK");
    assertThatThrownBy(m::reject).isInstanceOf(MessageStateException.class);
  }

  @Test
  @DisplayName("reject with requeue ends REJECTED, as in Kombu, and the message is back in the queue")
  void rejectRequeue() {
    Message m = fetch(false);
    m.reject(true);
    assertThat(m.state()).isEqualTo(MessageState.REJECTED);
    assertThat(env.broker.size("q")).isEqualTo(1);
    Message again = conn.defaultChannel().get("q").orElseThrow();
    assertThat(again.redelivered()).isTrue();
  }

  @Test
  @DisplayName("requeue ends REQUEUED and puts the message back")
  void requeue() {
    Message m = fetch(false);
    m.requeue();
    assertThat(m.state()).isEqualTo(MessageState.REQUEUED);
    assertThat(env.broker.size("q")).isEqualTo(1);
    assertThatThrownBy(m::requeue).hasMessage("Message already acknowledged with state: REQUEUED");
  }

  @Test
  @DisplayName("ack of a no-ack delivery is silently ignored")
  void noAckIgnored() {
    Message m = fetch(true);
    m.ack();
    assertThat(m.state()).isEqualTo(MessageState.RECEIVED);
    assertThat(env.broker.calls).noneMatch(c -> c.startsWith("basicAck"));
  }

  @Test
  @DisplayName("a message without a channel cannot be settled")
  void noChannel() {
    KombuMessage m = new KombuMessage(Delivery.builder(new byte[0]).build(), null, false, null,
        SerializerRegistry.defaultRegistry(), CompressorRegistry.defaultRegistry());
    assertThatThrownBy(m::ack).isInstanceOf(MessageStateException.class)
        .hasMessage("This message does not have a receiving channel");
    assertThat(m.ackLogError()).isFalse();
    assertThat(m.rejectLogError(false)).isFalse();
  }

  @Test
  @DisplayName("ackLogError swallows a second ack and reports false")
  void ackLogError() {
    Message m = fetch(false);
    assertThat(m.ackLogError()).isTrue();
    assertThat(m.ackLogError()).isFalse();
  }

  @Test
  @DisplayName("a body that fails to decompress is recorded, not thrown, and decode reports it")
  void decompressionErrorRecorded() {
    Delivery d = Delivery.builder(new byte[] {1, 2, 3}).contentType("application/json").contentEncoding("utf-8")
        .headers(Map.of("compression", "application/x-gzip")).build();
    KombuMessage m = new KombuMessage(d, null, false, null, SerializerRegistry.defaultRegistry(),
        CompressorRegistry.defaultRegistry());
    assertThat(m.errors()).hasSize(1);
    assertThatThrownBy(m::decode).isSameAs(m.errors().get(0));
  }

  @Test
  @DisplayName("delivery info carries exchange, routing key and delivery tag")
  void deliveryInfo() {
    Message m = fetch(false);
    assertThat(m.deliveryInfo()).containsEntry("exchange", "").containsEntry("routing_key", "q")
        .containsEntry("delivery_tag", m.deliveryTag());
    assertThat(m.routingKey()).isEqualTo("q");
    assertThat(m.exchange()).isEmpty();
  }
}
