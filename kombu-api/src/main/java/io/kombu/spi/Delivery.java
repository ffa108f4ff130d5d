package io.kombu.spi;

import io.kombu.DecodeException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message as a transport delivers it to core: raw body (still compressed if the sender compressed it), content type and
 * encoding, headers, properties and delivery info, and the channel-scoped tag used to settle it.
 *
 * <p>Thread-safety: immutable; the body array must not be changed.
 */
public final class Delivery {
  private final byte[] body;
  private final @Nullable String contentType;
  private final @Nullable String contentEncoding;
  private final Map<String, Object> headers;
  private final Map<String, Object> properties;
  private final long deliveryTag;
  private final String exchange;
  private final String routingKey;
  private final @Nullable String consumerTag;
  private final boolean redelivered;
  private final @Nullable DecodeException decodeError;

  private Delivery(Builder b) {
    this.body = b.body;
    this.contentType = b.contentType;
    this.contentEncoding = b.contentEncoding;
    this.headers = Collections.unmodifiableMap(b.headers);
    this.properties = Collections.unmodifiableMap(b.properties);
    this.deliveryTag = b.deliveryTag;
    this.exchange = b.exchange;
    this.routingKey = b.routingKey;
    this.consumerTag = b.consumerTag;
    this.redelivered = b.redelivered;
    this.decodeError = b.decodeError;
  }

  /** @param body the body bytes (not copied) @return a builder */
  public static Builder builder(byte[] body) {
    return new Builder(body);
  }

  /** @return body bytes */
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

  /** @return headers */
  public Map<String, Object> headers() {
    return headers;
  }

  /** @return properties by AMQP name */
  public Map<String, Object> properties() {
    return properties;
  }

  /** @return channel-scoped delivery tag */
  public long deliveryTag() {
    return deliveryTag;
  }

  /** @return exchange published to */
  public String exchange() {
    return exchange;
  }

  /** @return routing key published with */
  public String routingKey() {
    return routingKey;
  }

  /** @return consumer tag, or null for basic.get */
  public @Nullable String consumerTag() {
    return consumerTag;
  }

  /** @return delivered before */
  public boolean redelivered() {
    return redelivered;
  }

  /**
   * @return why the transport could not read what it stored (e.g. a list item some other program wrote), or null for a
   *     well-formed delivery; core reports it through the message's errors, so the consumer's decode-error handler sees it
   */
  public @Nullable DecodeException decodeError() {
    return decodeError;
  }

  @Override
  public String toString() {
    return "Delivery(tag=" + deliveryTag + ", exchange=" + exchange + ", routingKey=" + routingKey + ", " + body.length
        + " bytes)";
  }

  /** Builds a {@link Delivery}. Not thread-safe. */
  public static final class Builder {
    private final byte[] body;
    private @Nullable String contentType;
    private @Nullable String contentEncoding;
    private Map<String, Object> headers = new LinkedHashMap<>();
    private Map<String, Object> properties = new LinkedHashMap<>();
    private long deliveryTag;
    private String exchange = "";
    private String routingKey = "";
    private @Nullable String consumerTag;
    private boolean redelivered;
    private @Nullable DecodeException decodeError;

    private Builder(byte[] body) {
      this.body = Objects.requireNonNull(body, "body");
    }

    /** @param v content type @return this */
    public Builder contentType(@Nullable String v) {
      this.contentType = v;
      return this;
    }

    /** @param v content encoding @return this */
    public Builder contentEncoding(@Nullable String v) {
      this.contentEncoding = v;
      return this;
    }

    /** @param v headers (copied) @return this */
    public Builder headers(Map<String, ?> v) {
      this.headers = new LinkedHashMap<>(v);
      return this;
    }

    /** @param v properties (copied) @return this */
    public Builder properties(Map<String, ?> v) {
      this.properties = new LinkedHashMap<>(v);
      return this;
    }

    /** @param v delivery tag @return this */
    public Builder deliveryTag(long v) {
      this.deliveryTag = v;
      return this;
    }

    /** @param v exchange @return this */
    public Builder exchange(String v) {
      this.exchange = Objects.requireNonNull(v, "exchange");
      return this;
    }

    /** @param v routing key @return this */
    public Builder routingKey(String v) {
      this.routingKey = Objects.requireNonNull(v, "routingKey");
      return this;
    }

    /** @param v consumer tag @return this */
    public Builder consumerTag(@Nullable String v) {
      this.consumerTag = v;
      return this;
    }

    /** @param v redelivered @return this */
    public Builder redelivered(boolean v) {
      this.redelivered = v;
      return this;
    }

    /** @param v why the stored message could not be read, or null @return this */
    public Builder decodeError(@Nullable DecodeException v) {
      this.decodeError = v;
      return this;
    }

    /** @return the delivery */
    public Delivery build() {
      return new Delivery(this);
    }
  }
}
