package io.kombu.transport.amqp.internal;

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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Kombu's message properties (by their AMQP names, as py-amqp uses them) onto the client's
 * {@link AMQP.BasicProperties} and back.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class AmqpProperties {
  private static final Logger log = LoggerFactory.getLogger(AmqpProperties.class);

  private AmqpProperties() {}

  /**
   * @param message a message ready to publish
   * @return its AMQP properties: content type and encoding, headers, and every known property it carries
   * @throws EncodeException when a property has a value of the wrong type
   */
  public static AMQP.BasicProperties toBasicProperties(OutboundMessage message) {
    AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder()
        .contentType(message.contentType())
        .contentEncoding(message.contentEncoding())
        .headers(HeaderValues.toWire(message.headers()));
    // A loop, not forEach: a capturing lambda per publish shows up in the publish path's allocations.
    for (Map.Entry<String, Object> property : message.properties().entrySet()) {
      String name = property.getKey();
      Object value = property.getValue();
      switch (name) {
        case "delivery_mode" -> b.deliveryMode(deliveryMode(value));
        case "priority" -> b.priority(integer(name, value));
        case "correlation_id" -> b.correlationId(value.toString());
        case "reply_to" -> b.replyTo(value.toString());
        case "expiration" -> b.expiration(value.toString());
        case "message_id" -> b.messageId(value.toString());
        case "timestamp" -> b.timestamp(timestamp(value));
        case "type" -> b.type(value.toString());
        case "user_id" -> b.userId(value.toString());
        case "app_id" -> b.appId(value.toString());
        case "cluster_id" -> b.clusterId(value.toString());
        case "content_type" -> b.contentType(value.toString());
        case "content_encoding" -> b.contentEncoding(value.toString());
        // py-amqp, too, sends only the properties AMQP defines and keeps the rest local.
        default -> log.debug("property {} is not an AMQP basic property and is not sent", name);
      }
    }
    return b.build();
  }

  /**
   * @param body the body bytes
   * @param envelope delivery tag, exchange, routing key, redelivered
   * @param props the message's AMQP properties
   * @param consumerTag the consumer's tag, or null for basic.get and returns
   * @return the delivery for core, properties keyed by Kombu's names (only those present)
   */
  public static Delivery toDelivery(
      byte[] body, @Nullable Envelope envelope, AMQP.@Nullable BasicProperties props, @Nullable String consumerTag) {
    Delivery.Builder d = Delivery.builder(body).consumerTag(consumerTag);
    if (envelope != null) {
      d.deliveryTag(envelope.getDeliveryTag())
          .exchange(nonNull(envelope.getExchange()))
          .routingKey(nonNull(envelope.getRoutingKey()))
          .redelivered(envelope.isRedeliver());
    }
    if (props == null) {
      return d.build();
    }
    Map<String, Object> headers = HeaderValues.fromWire(props.getHeaders());
    Map<String, Object> p = new LinkedHashMap<>();
    put(p, "content_type", props.getContentType());
    put(p, "content_encoding", props.getContentEncoding());
    if (props.getHeaders() != null) {
      p.put("application_headers", headers);
    }
    put(p, "delivery_mode", props.getDeliveryMode());
    put(p, "priority", props.getPriority());
    put(p, "correlation_id", props.getCorrelationId());
    put(p, "reply_to", props.getReplyTo());
    put(p, "expiration", props.getExpiration());
    put(p, "message_id", props.getMessageId());
    if (props.getTimestamp() != null) {
      p.put("timestamp", props.getTimestamp().getTime() / 1000);
    }
    put(p, "type", props.getType());
    put(p, "user_id", props.getUserId());
    put(p, "app_id", props.getAppId());
    put(p, "cluster_id", props.getClusterId());
    return d.contentType(props.getContentType())
        .contentEncoding(props.getContentEncoding())
        .headers(headers)
        .properties(p)
        .build();
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static void put(Map<String, Object> p, String name, @Nullable Object value) {
    if (value != null) {
      p.put(name, value);
    }
  }

  private static int deliveryMode(Object value) {
    if (value instanceof DeliveryMode) {
      return ((DeliveryMode) value).value();
    }
    if (value instanceof String) {
      switch ((String) value) {
        case "transient":
          return 1;
        case "persistent":
          return 2;
        default:
          break;
      }
    }
    return integer("delivery_mode", value);
  }

  private static int integer(String name, Object value) {
    if (value instanceof Number) {
      return ((Number) value).intValue();
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new EncodeException("property " + name + " must be an integer, was: " + value, e);
    }
  }

  private static Date timestamp(Object value) {
    if (value instanceof Date) {
      return (Date) value;
    }
    if (value instanceof Instant) {
      return Date.from((Instant) value);
    }
    if (value instanceof Number) {
      return new Date(Math.round(((Number) value).doubleValue() * 1000d));
    }
    throw new EncodeException("property timestamp must be seconds since the epoch (a number), an Instant or a Date, was: "
        + value.getClass().getName());
  }
}
