package io.kombu.transport.sqs.internal;

import io.kombu.core.virtual.Envelope;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * SQS message bodies as Kombu writes and reads them: base64 of the envelope's JSON when {@code sqs_base64_encoding} is on
 * (the envelope's own {@code body} is base64 again), and Kombu's "maybe base64" rule when reading, so that bodies from
 * Kombu with either setting and from foreign producers are all understood.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class BodyCodec {
  private static final Pattern PADDED_BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

  private BodyCodec() {}

  /**
   * @param envelope the envelope map to send (already without {@code message_attributes})
   * @param base64 Kombu's {@code sqs_base64_encoding}
   * @return the SQS {@code MessageBody}
   */
  public static String encode(Map<String, Object> envelope, boolean base64) {
    String json = Json.write(envelope);
    return base64 ? Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) : json;
  }

  /**
   * Kombu's {@code _optional_b64_decode}: the whitespace-stripped text when it is padded standard base64 that decodes
   * strictly, re-encodes to the same text and yields valid UTF-8; otherwise the text itself.
   *
   * @param raw an SQS message body
   * @return the text to parse as JSON
   */
  public static String maybeBase64(String raw) {
    String text = raw.strip();
    if (text.isEmpty() || text.length() % 4 != 0 || !PADDED_BASE64.matcher(text).matches()) {
      return text;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return text;
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(decoded))
          .toString();
    } catch (CharacterCodingException e) {
      return text;
    }
  }

  /**
   * Decodes a body into an envelope map as Kombu's {@code _message_to_python} does: JSON objects are used as they are,
   * anything else becomes {@code {}}; a map without {@code properties} (a foreign producer) is wrapped as {@code {body:
   * <text>, properties: {delivery_info: {}}}}.
   *
   * @param raw an SQS message body
   * @return a mutable envelope map with a mutable {@code properties} map
   */
  public static Map<String, Object> decode(String raw) {
    String text = maybeBase64(raw);
    Map<String, Object> payload = parseObject(text);
    if (!(payload.get("properties") instanceof Map)) {
      Map<String, Object> wrapped = new LinkedHashMap<>();
      wrapped.put("body", text);
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("delivery_info", new LinkedHashMap<String, Object>());
      wrapped.put("properties", props);
      return wrapped;
    }
    Map<String, Object> props = new LinkedHashMap<>();
    ((Map<?, ?>) payload.get("properties")).forEach((k, v) -> props.put(String.valueOf(k), v));
    Object info = props.get("delivery_info");
    Map<String, Object> deliveryInfo = new LinkedHashMap<>();
    if (info instanceof Map<?, ?> m) {
      m.forEach((k, v) -> deliveryInfo.put(String.valueOf(k), v));
    }
    props.put("delivery_info", deliveryInfo);
    payload.put("properties", props);
    return payload;
  }

  private static Map<String, Object> parseObject(String text) {
    @Nullable Object value;
    try {
      value = Json.read(text);
    } catch (IllegalArgumentException e) {
      return new LinkedHashMap<>();
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    return new LinkedHashMap<>();
  }

  /**
   * @param envelope an envelope to send
   * @return its map without {@code properties.message_attributes} (which travel as SQS message attributes)
   */
  public static Map<String, Object> sendableMap(Envelope envelope) {
    Map<String, Object> map = envelope.toMap();
    Object props = map.get("properties");
    if (props instanceof Map<?, ?> p && p.containsKey("message_attributes")) {
      Map<String, Object> copy = new LinkedHashMap<>();
      p.forEach((k, v) -> copy.put(String.valueOf(k), v));
      copy.remove("message_attributes");
      map.put("properties", copy);
    }
    map.remove("redelivered");
    return map;
  }
}
