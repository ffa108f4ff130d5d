package io.kombu.transport.redis.internal;

import io.kombu.DecodeException;
import io.kombu.core.virtual.Envelope;
import java.util.List;
import java.util.Map;

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

  /** A parsed unacked entry. */
  record UnackedEntry(Envelope envelope, String exchange, String routingKey) {}

  static UnackedEntry decodeUnacked(String json) {
    Object v = PythonJson.loads(json);
    if (!(v instanceof List) || ((List<?>) v).size() != 3 || !(((List<?>) v).get(0) instanceof Map)) {
      throw new DecodeException("unacked entry in Redis is not [message, exchange, routing_key]: " + abbreviate(json));
    }
    List<?> l = (List<?>) v;
    @SuppressWarnings("unchecked")
    Envelope e = Envelope.fromMap((Map<String, ?>) l.get(0));
    return new UnackedEntry(e, l.get(1) == null ? "" : l.get(1).toString(), l.get(2) == null ? "" : l.get(2).toString());
  }

  /** Kombu's restore marking: {@code headers.redelivered} and {@code delivery_info.redelivered}. */
  static Envelope markRedelivered(Envelope e) {
    return e.withHeader("redelivered", true).withDeliveryInfo("redelivered", true);
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
