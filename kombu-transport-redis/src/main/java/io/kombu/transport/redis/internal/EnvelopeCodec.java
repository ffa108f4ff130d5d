package io.kombu.transport.redis.internal;

import io.kombu.DecodeException;
import io.kombu.core.virtual.Envelope;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Envelope JSON as Kombu stores it in Redis lists, pub/sub messages and the unacked hash.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
final class EnvelopeCodec {
  private EnvelopeCodec() {}

  static String encode(Envelope envelope) {
    // base64 body plus Kombu's fields and the caller's headers: sized so the builder rarely grows.
    return PythonJson.dumps(envelope.toMap(), envelope.body().length * 4 / 3 + 512);
  }

  @SuppressWarnings("unchecked")
  static Envelope decode(String json) {
    Object v = PythonJson.loads(json);
    if (!(v instanceof Map)) {
      throw new DecodeException("message stored in Redis is JSON but not an object; it was not written by Kombu");
    }
    return Envelope.fromMap((Map<String, ?>) v);
  }

  /** Kombu's unacked entry {@code json.dumps([payload, exchange, routing_key])}, built without re-encoding the payload. */
  static String unackedEntry(String payload, String exchange, String routingKey) {
    return "[" + payload + ", " + PythonJson.dumps(exchange) + ", " + PythonJson.dumps(routingKey) + "]";
  }

  /**
   * The unacked entry of an item Kombu could not read: {@code [raw item as a JSON string, "", queue]}, so a restore
   * puts the item back unchanged through the default exchange.
   */
  static String unackedRawEntry(String item, String queue) {
    return "[" + PythonJson.dumps(item) + ", \"\", " + PythonJson.dumps(queue) + "]";
  }

  /**
   * @return the {@code properties.delivery_tag} under which the pop script recorded an item it could parse but we could
   *     not read (see {@code RedisScripts.POP}), or null when the script cannot have recorded it
   */
  static @Nullable String scriptTag(String item) {
    try {
      Object v = PythonJson.loads(item);
      if (v instanceof Map && ((Map<?, ?>) v).get("properties") instanceof Map) {
        Object tag = ((Map<?, ?>) ((Map<?, ?>) v).get("properties")).get("delivery_tag");
        return tag instanceof String ? (String) tag : null;
      }
      return null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A parsed unacked entry: a Kombu envelope, or (envelope null) the raw item of an unreadable one.
   */
  record UnackedEntry(@Nullable Envelope envelope, String rawItem, String exchange, String routingKey) {}

  static UnackedEntry decodeUnacked(String json) {
    Object v = PythonJson.loads(json);
    if (!(v instanceof List) || ((List<?>) v).size() != 3
        || !(((List<?>) v).get(0) instanceof Map || ((List<?>) v).get(0) instanceof String)) {
      throw new DecodeException("unacked entry in Redis is not [message, exchange, routing_key]: " + abbreviate(json));
    }
    List<?> l = (List<?>) v;
    String exchange = l.get(1) == null ? "" : l.get(1).toString();
    String routingKey = l.get(2) == null ? "" : l.get(2).toString();
    if (l.get(0) instanceof String) {
      return new UnackedEntry(null, (String) l.get(0), exchange, routingKey);
    }
    @SuppressWarnings("unchecked")
    Envelope e = Envelope.fromMap((Map<String, ?>) l.get(0));
    return new UnackedEntry(e, "", exchange, routingKey);
  }

  /** Kombu's restore marking: {@code headers.redelivered} and {@code delivery_info.redelivered}. */
  static Envelope markRedelivered(Envelope e) {
    return e.withHeader("redelivered", true).withDeliveryInfo("redelivered", true);
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
