package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import io.kombu.DeliveryMode;
import io.kombu.EncodeException;
import io.kombu.spi.Delivery;
import io.kombu.spi.OutboundMessage;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AmqpProperties")
class AmqpPropertiesTest {
  private static Map<String, Object> allProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("delivery_mode", 2);
    p.put("priority", 7);
    p.put("correlation_id", "c");
    p.put("reply_to", "r");
    p.put("expiration", "10000");
    p.put("message_id", "m");
    p.put("timestamp", 1_700_000_000L);
    p.put("type", "t");
    p.put("user_id", "u");
    p.put("app_id", "a");
    p.put("cluster_id", "cl");
    return p;
  }

  @Test
  @DisplayName("maps every Kombu property, content type, encoding and headers onto the AMQP properties")
  void toBasicProperties() {
    OutboundMessage m = new OutboundMessage(new byte[0], "application/json", "utf-8", Map.of("h", (short) 1),
        allProperties());
    AMQP.BasicProperties b = AmqpProperties.toBasicProperties(m);
    assertThat(b.getContentType()).isEqualTo("application/json");
    assertThat(b.getContentEncoding()).isEqualTo("utf-8");
    assertThat(b.getHeaders()).containsEntry("h", 1);
    assertThat(b.getDeliveryMode()).isEqualTo(2);
    assertThat(b.getPriority()).isEqualTo(7);
    assertThat(b.getCorrelationId()).isEqualTo("c");
    assertThat(b.getReplyTo()).isEqualTo("r");
    assertThat(b.getExpiration()).isEqualTo("10000");
    assertThat(b.getMessageId()).isEqualTo("m");
    assertThat(b.getTimestamp()).isEqualTo(new Date(1_700_000_000_000L));
    assertThat(b.getType()).isEqualTo("t");
    assertThat(b.getUserId()).isEqualTo("u");
    assertThat(b.getAppId()).isEqualTo("a");
    assertThat(b.getClusterId()).isEqualTo("cl");
  }

  @Test
  @DisplayName("accepts delivery modes by name or enum, timestamps as Instant, and skips unknown properties")
  void lenientInputs() {
    Map<String, Object> p = Map.of("delivery_mode", "transient", "timestamp", Instant.ofEpochSecond(3), "x-custom", 1);
    AMQP.BasicProperties b = AmqpProperties.toBasicProperties(new OutboundMessage(new byte[0], null, null, Map.of(), p));
    assertThat(b.getDeliveryMode()).isEqualTo(1);
    assertThat(b.getTimestamp()).isEqualTo(new Date(3000));
    assertThat(AmqpProperties.toBasicProperties(new OutboundMessage(new byte[0], null, null, Map.of(),
        Map.of("delivery_mode", DeliveryMode.PERSISTENT))).getDeliveryMode()).isEqualTo(2);
    assertThatThrownBy(() -> AmqpProperties.toBasicProperties(new OutboundMessage(new byte[0], null, null, Map.of(),
        Map.of("priority", "high")))).isInstanceOf(EncodeException.class).hasMessageContaining("priority");
  }

  @Test
  @DisplayName("builds a delivery with the properties present, by Kombu's names, and the envelope's routing data")
  void toDelivery() {
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("text/plain").contentEncoding("utf-8")
        .headers(Map.of("k", 1L << 40)).deliveryMode(2).priority(3).correlationId("c").replyTo("r").expiration("5")
        .messageId("m").timestamp(new Date(9_000)).type("t").userId("u").appId("a").clusterId("cl").build();
    Delivery d = AmqpProperties.toDelivery(new byte[] {1}, new Envelope(42, true, "ex", "rk"), props, "tag");

    assertThat(d.deliveryTag()).isEqualTo(42);
    assertThat(d.redelivered()).isTrue();
    assertThat(d.exchange()).isEqualTo("ex");
    assertThat(d.routingKey()).isEqualTo("rk");
    assertThat(d.consumerTag()).isEqualTo("tag");
    assertThat(d.contentType()).isEqualTo("text/plain");
    assertThat(d.headers()).containsExactly(Map.entry("k", 1L << 40));
    assertThat(d.properties()).containsEntry("content_type", "text/plain").containsEntry("content_encoding", "utf-8")
        .containsEntry("application_headers", Map.of("k", 1L << 40)).containsEntry("delivery_mode", 2)
        .containsEntry("priority", 3).containsEntry("correlation_id", "c").containsEntry("reply_to", "r")
        .containsEntry("expiration", "5").containsEntry("message_id", "m").containsEntry("timestamp", 9L)
        .containsEntry("type", "t").containsEntry("user_id", "u").containsEntry("app_id", "a")
        .containsEntry("cluster_id", "cl");

    Delivery bare = AmqpProperties.toDelivery(new byte[0], null, new AMQP.BasicProperties(), null);
    assertThat(bare.properties()).isEmpty();
    assertThat(bare.headers()).isEmpty();
  }
}
