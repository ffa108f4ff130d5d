package io.kombu.core.virtual;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message as the virtual engine stores it: Kombu's virtual envelope. {@link #toMap()} gives the JSON-ready map in
 * Kombu's exact key order, the body encoded by {@code properties.body_encoding} (base64 by default):
 *
 * <pre>{"body": "eyJoZWxsbyI6ICJ3b3JsZCJ9", "content-encoding": "utf-8", "content-type": "application/json",
 *  "headers": {}, "properties": {"delivery_mode": 2, "delivery_info": {"exchange": "tasks", "routing_key": "video"},
 *  "priority": 0, "body_encoding": "base64", "delivery_tag": "8f3d6a52-5b35-4a3b-9b0e-2f6c1d1b7e44"}}</pre>
 *
 * <p>The object itself keeps the body as raw bytes, so in-process stores (memory) never encode anything; stores that
 * write JSON use {@link #toMap()} and {@link #fromMap(Map)}. The {@code delivery_tag} property is a uuid4 text that names
 * the message in the store; it is not the channel's numeric AMQP delivery tag.
 *
 * <p>Thread-safety: immutable and thread-safe; {@link #body()} returns the internal array, which must not be changed.
 */
public final class Envelope {
  /** Kombu's default {@code body_encoding}. */
  public static final String DEFAULT_BODY_ENCODING = "base64";

  private static final int MAX_PRIORITY = 9;

  private final byte[] body;
  private final @Nullable String contentType;
  private final @Nullable String contentEncoding;
  private final Map<String, Object> headers;
  private final Map<String, Object> properties;
  private final boolean redelivered;
  private final @Nullable DecodeException decodeError;

  private Envelope(
      byte[] body,
      @Nullable String contentType,
      @Nullable String contentEncoding,
      Map<String, Object> headers,
      Map<String, Object> properties,
      boolean redelivered) {
    this(body, contentType, contentEncoding, headers, properties, redelivered, null);
  }

  private Envelope(
      byte[] body,
      @Nullable String contentType,
      @Nullable String contentEncoding,
      Map<String, Object> headers,
      Map<String, Object> properties,
      boolean redelivered,
      @Nullable DecodeException decodeError) {
    this.decodeError = decodeError;
    this.body = body;
    this.contentType = contentType;
    this.contentEncoding = contentEncoding;
    this.headers = Collections.unmodifiableMap(headers);
    this.properties = Collections.unmodifiableMap(properties);
    this.redelivered = redelivered;
  }

  /**
   * Builds the envelope of a publish as Kombu's {@code prepare_message} + {@code basic_publish} do: the caller's
   * properties first, then {@code delivery_info} (exchange, routing key), {@code priority} (0 when absent), {@code
   * body_encoding} and {@code delivery_tag}.
   *
   * @param message the serialized message
   * @param exchange exchange published to ({@code ""} = default exchange)
   * @param routingKey routing key
   * @param bodyEncoding {@code base64}, or null / {@code utf-8} for none
   * @param deliveryTag a fresh uuid4 text
   * @return the envelope
   * @throws EncodeException when the body encoding is unknown
   */
  public static Envelope forPublish(
      OutboundMessage message,
      String exchange,
      String routingKey,
      @Nullable String bodyEncoding,
      String deliveryTag) {
    checkBodyEncoding(bodyEncoding);
    Map<String, Object> props = new LinkedHashMap<>();
    message.properties().forEach((k, v) -> {
      switch (k) {
        case "priority":
        case "delivery_info":
        case "body_encoding":
        case "delivery_tag":
          break;
        default:
          props.put(k, v);
      }
    });
    Map<String, Object> deliveryInfo = new LinkedHashMap<>();
    deliveryInfo.put("exchange", exchange);
    deliveryInfo.put("routing_key", routingKey);
    props.put("delivery_info", Collections.unmodifiableMap(deliveryInfo));
    Object priority = message.properties().get("priority");
    props.put("priority", priority == null ? 0 : priority);
    props.put("body_encoding", bodyEncoding);
    props.put("delivery_tag", Objects.requireNonNull(deliveryTag, "deliveryTag"));
    return new Envelope(
        message.body(),
        message.contentType(),
        message.contentEncoding(),
        message.headers(),
        props,
        false);
  }

  /**
   * Parses a stored envelope (for example one written by Python Kombu): the body is base64-decoded when it is not empty
   * and {@code properties.body_encoding} is set and not {@code utf-8}.
   *
   * @param map the decoded JSON object
   * @return the envelope
   * @throws DecodeException when {@code properties} or {@code properties.delivery_tag} is missing, or the body cannot be
   *     decoded
   */
  public static Envelope fromMap(Map<String, ?> map) {
    Object rawProps = map.get("properties");
    if (!(rawProps instanceof Map)) {
      throw new DecodeException("stored message has no 'properties' object, so it was not written by a Kombu virtual "
          + "transport; keys found: " + map.keySet());
    }
    Map<String, Object> props = copyMap((Map<?, ?>) rawProps);
    if (props.get("delivery_tag") == null) {
      throw new DecodeException("stored message has no properties.delivery_tag, so it cannot be acknowledged; "
          + "it was not written by a Kombu virtual transport (properties: " + props.keySet() + ")");
    }
    Object info = props.get("delivery_info");
    if (info instanceof Map) {
      props.put("delivery_info", Collections.unmodifiableMap(copyMap((Map<?, ?>) info)));
    }
    Object encodingValue = props.get("body_encoding");
    String encoding = encodingValue == null ? null : encodingValue.toString();
    Object rawHeaders = map.get("headers");
    Map<String, Object> headers = rawHeaders instanceof Map ? copyMap((Map<?, ?>) rawHeaders) : new LinkedHashMap<>();
    return new Envelope(
        decodeBody(map.get("body"), encoding),
        stringOrNull(map.get("content-type")),
        stringOrNull(map.get("content-encoding")),
        headers,
        props,
        Boolean.TRUE.equals(map.get("redelivered")));
  }

  /**
   * @return Kombu's envelope map, in Kombu's key order: {@code body} (encoded text), {@code content-encoding}, {@code
   *     content-type}, {@code headers}, {@code properties}, and {@code redelivered: true} for a restored message
   * @throws EncodeException when the body encoding is unknown
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("body", encodeBody(body, bodyEncoding()));
    m.put("content-encoding", contentEncoding);
    m.put("content-type", contentType);
    m.put("headers", new LinkedHashMap<>(headers));
    Map<String, Object> props = new LinkedHashMap<>(properties);
    Object info = props.get("delivery_info");
    if (info instanceof Map) {
      props.put("delivery_info", new LinkedHashMap<>((Map<?, ?>) info));
    }
    m.put("properties", props);
    if (redelivered) {
      m.put("redelivered", true);
    }
    return m;
  }

  /**
   * A stored item the store could not read as an envelope (not JSON, not an object, no properties, a bad base64 body…),
   * so that it reaches the consumer's decode-error handler instead of ending the consumer: the body is the item's raw
   * bytes, there is no content type, and {@link #decodeError()} says what is wrong. A store that puts it back writes
   * {@link #body()} unchanged.
   *
   * @param raw the item exactly as stored
   * @param cause what is wrong with it
   * @param deliveryTag the tag that names it in the store (a fresh uuid4 text unless the store already recorded one)
   * @return the envelope
   */
  public static Envelope undecodable(byte[] raw, DecodeException cause, String deliveryTag) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(cause, "cause");
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("delivery_tag", Objects.requireNonNull(deliveryTag, "deliveryTag"));
    return new Envelope(raw, null, null, new LinkedHashMap<>(), props, false, cause);
  }

  /** @return why the stored item could not be read (see {@link #undecodable}), or null for a well-formed envelope */
  public @Nullable DecodeException decodeError() {
    return decodeError;
  }

  /** @return the raw body bytes (not encoded; do not modify) */
  public byte[] body() {
    return body;
  }

  /** @return content type, or null */
  public @Nullable String contentType() {
    return contentType;
  }

  /** @return content encoding, or null */
  public @Nullable String contentEncoding() {
    return contentEncoding;
  }

  /** @return application headers */
  public Map<String, Object> headers() {
    return headers;
  }

  /** @return properties, including {@code delivery_info}, {@code priority}, {@code body_encoding}, {@code delivery_tag} */
  public Map<String, Object> properties() {
    return properties;
  }

  /** @return the uuid4 text that names this message in the store ({@code properties.delivery_tag}) */
  public String deliveryTag() {
    return String.valueOf(properties.get("delivery_tag"));
  }

  /** @return {@code properties.delivery_info}, or an empty map */
  public Map<String, Object> deliveryInfo() {
    Object info = properties.get("delivery_info");
    if (info instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) info;
      return m;
    }
    return Map.of();
  }

  /** @return the exchange it was published to ({@code ""} when unknown) */
  public String exchange() {
    Object v = deliveryInfo().get("exchange");
    return v == null ? "" : v.toString();
  }

  /** @return the routing key it was published with ({@code ""} when unknown) */
  public String routingKey() {
    Object v = deliveryInfo().get("routing_key");
    return v == null ? "" : v.toString();
  }

  /** @return {@code properties.body_encoding}, or null */
  public @Nullable String bodyEncoding() {
    return stringOrNull(properties.get("body_encoding"));
  }

  /** @return the priority clamped to 0..9 (Kombu's {@code _get_message_priority}) */
  public int priority() {
    return priorityOf(properties.get("priority"));
  }

  /**
   * @return whether it was delivered before and put back: top-level {@code redelivered} (Kombu's base restore) or {@code
   *     delivery_info.redelivered} (Kombu's Redis restore)
   */
  public boolean redelivered() {
    return redelivered || Boolean.TRUE.equals(deliveryInfo().get("redelivered"));
  }

  /** @return a copy marked as redelivered (top-level {@code redelivered: true}), same delivery tag */
  public Envelope withRedelivered() {
    return redelivered ? this : new Envelope(body, contentType, contentEncoding, headers, properties, true, decodeError);
  }

  /**
   * @param key a property name; an existing key keeps its position
   * @param value its value
   * @return a copy with the property set
   */
  public Envelope withProperty(String key, @Nullable Object value) {
    Map<String, Object> props = new LinkedHashMap<>(properties);
    props.put(Objects.requireNonNull(key, "key"), value);
    return new Envelope(body, contentType, contentEncoding, headers, props, redelivered, decodeError);
  }

  /**
   * @param key a {@code delivery_info} entry, e.g. {@code redelivered} or a store's own metadata
   * @param value its value
   * @return a copy with the entry set
   */
  public Envelope withDeliveryInfo(String key, @Nullable Object value) {
    Map<String, Object> info = new LinkedHashMap<>(deliveryInfo());
    info.put(Objects.requireNonNull(key, "key"), value);
    return withProperty("delivery_info", Collections.unmodifiableMap(info));
  }

  /**
   * @param key a header name
   * @param value its value
   * @return a copy with the header set
   */
  public Envelope withHeader(String key, @Nullable Object value) {
    Map<String, Object> h = new LinkedHashMap<>(headers);
    h.put(Objects.requireNonNull(key, "key"), value);
    return new Envelope(body, contentType, contentEncoding, h, properties, redelivered, decodeError);
  }

  /**
   * Kombu's {@code _get_message_priority}: an int (or int text) clamped to 0..9; anything else is 0.
   *
   * @param value a {@code priority} property
   * @return 0..9
   */
  public static int priorityOf(@Nullable Object value) {
    int p;
    if (value instanceof Number) {
      p = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, ((Number) value).longValue()));
    } else if (value != null) {
      try {
        p = Integer.parseInt(value.toString().trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    } else {
      return 0;
    }
    return Math.max(0, Math.min(MAX_PRIORITY, p));
  }

  /**
   * @param value a {@code priority} property
   * @return {@code 9 - priorityOf(value)}, the order key MongoDB sorts by
   */
  public static int reversedPriorityOf(@Nullable Object value) {
    return MAX_PRIORITY - priorityOf(value);
  }

  /**
   * @param encoding a {@code body_encoding} value
   * @throws io.kombu.ConfigurationException when it is neither null, {@code utf-8} nor {@code base64}
   */
  public static void checkBodyEncoding(@Nullable String encoding) {
    if (encoding != null && !isIdentity(encoding) && !isBase64(encoding)) {
      throw new io.kombu.ConfigurationException("body_encoding '" + encoding
          + "' is not supported by virtual transports; use base64 (Kombu's default) or utf-8");
    }
  }

  private static boolean isIdentity(@Nullable String encoding) {
    return encoding == null || encoding.toLowerCase(Locale.ROOT).equals("utf-8");
  }

  private static boolean isBase64(String encoding) {
    return encoding.toLowerCase(Locale.ROOT).equals(DEFAULT_BODY_ENCODING);
  }

  private static String encodeBody(byte[] body, @Nullable String encoding) {
    if (isIdentity(encoding)) {
      return new String(body, StandardCharsets.UTF_8);
    }
    if (isBase64(encoding)) {
      return Base64.getEncoder().encodeToString(body);
    }
    throw new EncodeException("cannot encode body with body_encoding '" + encoding + "'; use base64 or utf-8");
  }

  private static byte[] decodeBody(@Nullable Object body, @Nullable String encoding) {
    if (body == null) {
      return new byte[0];
    }
    if (body instanceof byte[] && isIdentity(encoding)) {
      return (byte[]) body;
    }
    String text = body instanceof byte[] ? new String((byte[]) body, StandardCharsets.UTF_8) : body.toString();
    if (text.isEmpty() || isIdentity(encoding)) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if (isBase64(encoding)) {
      try {
        return Base64.getMimeDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new DecodeException("stored message body is not valid base64 although body_encoding says so", e);
      }
    }
    throw new DecodeException("stored message has unknown body_encoding '" + encoding
        + "'; virtual transports read base64 and utf-8 bodies");
  }

  private static Map<String, Object> copyMap(Map<?, ?> source) {
    Map<String, Object> out = new LinkedHashMap<>();
    source.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static @Nullable String stringOrNull(@Nullable Object o) {
    return o == null ? null : o.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Envelope)) {
      return false;
    }
    Envelope e = (Envelope) o;
    return redelivered == e.redelivered && Arrays.equals(body, e.body) && Objects.equals(contentType, e.contentType)
        && Objects.equals(contentEncoding, e.contentEncoding) && headers.equals(e.headers)
        && properties.equals(e.properties) && Objects.equals(decodeError, e.decodeError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(body), contentType, contentEncoding, headers, properties, redelivered);
  }

  @Override
  public String toString() {
    return "Envelope(tag=" + properties.get("delivery_tag") + ", " + deliveryInfo() + ", " + body.length + " bytes"
        + (redelivered() ? ", redelivered" : "") + (decodeError != null ? ", undecodable" : "") + ")";
  }
}
