package io.kombu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link Producer#publish(Object, PublishOptions)} accepts besides the body: Kombu's {@code publish()} keyword
 * arguments. Unset values fall back to the producer's defaults (routing key, exchange, serializer, compression) and then to
 * Kombu's (delivery mode from the exchange, else persistent; priority 0).
 *
 * <p>Message properties ({@code correlation_id}, {@code reply_to}, {@code message_id}, ...) are kept by their AMQP names in
 * {@link #properties()} so that they travel unchanged to every transport.
 *
 * <pre>{@code
 * producer.publish(Map.of("id", 42), PublishOptions.routingKey("orders.created"));
 * producer.publish(task, PublishOptions.builder().routingKey("video").serializer("msgpack").compression("zlib")
 *     .priority(9).header("trace", "abc").retry(RetryPolicy.ENSURE_DEFAULTS).build());
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class PublishOptions {
  private static final PublishOptions DEFAULTS = builder().build();

  private final @Nullable String routingKey;
  private final @Nullable Exchange exchange;
  private final @Nullable DeliveryMode deliveryMode;
  private final boolean mandatory;
  private final @Nullable Integer priority;
  private final @Nullable String contentType;
  private final @Nullable String contentEncoding;
  private final @Nullable String serializer;
  private final @Nullable String compression;
  private final Map<String, Object> headers;
  private final Map<String, Object> properties;
  private final @Nullable RetryPolicy retryPolicy;
  private final List<Declarable> declare;
  private final @Nullable Duration expiration;
  private final @Nullable Duration confirmTimeout;

  private PublishOptions(Builder b) {
    this.routingKey = b.routingKey;
    this.exchange = b.exchange;
    this.deliveryMode = b.deliveryMode;
    this.mandatory = b.mandatory;
    this.priority = b.priority;
    this.contentType = b.contentType;
    this.contentEncoding = b.contentEncoding;
    this.serializer = b.serializer;
    this.compression = b.compression;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
    this.retryPolicy = b.retryPolicy;
    this.declare = List.copyOf(b.declare);
    this.expiration = b.expiration;
    this.confirmTimeout = b.confirmTimeout;
  }

  /** @return options that change nothing: every value from the producer and Kombu's defaults */
  public static PublishOptions defaults() {
    return DEFAULTS;
  }

  /** @param routingKey the routing key @return options with only a routing key */
  public static PublishOptions routingKey(String routingKey) {
    return builder().routingKey(routingKey).build();
  }

  /** @return an empty builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.routingKey = routingKey;
    b.exchange = exchange;
    b.deliveryMode = deliveryMode;
    b.mandatory = mandatory;
    b.priority = priority;
    b.contentType = contentType;
    b.contentEncoding = contentEncoding;
    b.serializer = serializer;
    b.compression = compression;
    b.headers.putAll(headers);
    b.properties.putAll(properties);
    b.retryPolicy = retryPolicy;
    b.declare.addAll(declare);
    b.expiration = expiration;
    b.confirmTimeout = confirmTimeout;
    return b;
  }

  /** @return routing key, or null for the producer's */
  public @Nullable String routingKey() {
    return routingKey;
  }

  /** @return exchange override, or null for the producer's */
  public @Nullable Exchange exchange() {
    return exchange;
  }

  /** @return delivery mode, or null for the exchange's (else persistent) */
  public @Nullable DeliveryMode deliveryMode() {
    return deliveryMode;
  }

  /** @return whether an unroutable message is returned ({@link ReturnListener}) instead of dropped */
  public boolean mandatory() {
    return mandatory;
  }

  /** @return priority 0-255 (virtual transports clamp to 0-9), or null for 0 */
  public @Nullable Integer priority() {
    return priority;
  }

  /** @return content type of a body that is already serialized, or null to serialize */
  public @Nullable String contentType() {
    return contentType;
  }

  /** @return content encoding of a pre-serialized body, or null */
  public @Nullable String contentEncoding() {
    return contentEncoding;
  }

  /** @return serializer name, or null for the producer's */
  public @Nullable String serializer() {
    return serializer;
  }

  /** @return compression name or content type, or null for the producer's */
  public @Nullable String compression() {
    return compression;
  }

  /** @return application headers; a value may be null (Python's {@code None}) */
  public Map<String, Object> headers() {
    return headers;
  }

  /** @return extra message properties by AMQP name ({@code correlation_id}, {@code reply_to}, ...) */
  public Map<String, Object> properties() {
    return properties;
  }

  /** @return the retry policy when publishing should retry across reconnects, else null */
  public @Nullable RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /** @return entities to declare (through the connection's cache) before publishing */
  public List<Declarable> declare() {
    return declare;
  }

  /** @return message time to live, or null */
  public @Nullable Duration expiration() {
    return expiration;
  }

  /** @return how long to wait for a publisher confirm, or null for the transport's default */
  public @Nullable Duration confirmTimeout() {
    return confirmTimeout;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PublishOptions)) {
      return false;
    }
    PublishOptions p = (PublishOptions) o;
    return mandatory == p.mandatory
        && Objects.equals(routingKey, p.routingKey)
        && Objects.equals(exchange, p.exchange)
        && deliveryMode == p.deliveryMode
        && Objects.equals(priority, p.priority)
        && Objects.equals(contentType, p.contentType)
        && Objects.equals(contentEncoding, p.contentEncoding)
        && Objects.equals(serializer, p.serializer)
        && Objects.equals(compression, p.compression)
        && headers.equals(p.headers)
        && properties.equals(p.properties)
        && Objects.equals(retryPolicy, p.retryPolicy)
        && declare.equals(p.declare)
        && Objects.equals(expiration, p.expiration)
        && Objects.equals(confirmTimeout, p.confirmTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(routingKey, exchange, deliveryMode, mandatory, priority, contentType, contentEncoding, serializer,
        compression, headers, properties, retryPolicy, declare, expiration, confirmTimeout);
  }

  @Override
  public String toString() {
    return "PublishOptions(routingKey=" + routingKey + ", exchange=" + (exchange == null ? null : exchange.name())
        + ", serializer=" + serializer + ", compression=" + compression + ", headers=" + headers.keySet() + ")";
  }

  /** Builds {@link PublishOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String routingKey;
    private @Nullable Exchange exchange;
    private @Nullable DeliveryMode deliveryMode;
    private boolean mandatory;
    private @Nullable Integer priority;
    private @Nullable String contentType;
    private @Nullable String contentEncoding;
    private @Nullable String serializer;
    private @Nullable String compression;
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private @Nullable RetryPolicy retryPolicy;
    private final List<Declarable> declare = new ArrayList<>();
    private @Nullable Duration expiration;
    private @Nullable Duration confirmTimeout;

    private Builder() {}

    /** @param routingKey routing key @return this */
    public Builder routingKey(@Nullable String routingKey) {
      this.routingKey = routingKey;
      return this;
    }

    /** @param exchange exchange to publish to instead of the producer's @return this */
    public Builder exchange(@Nullable Exchange exchange) {
      this.exchange = exchange;
      return this;
    }

    /** @param mode delivery mode @return this */
    public Builder deliveryMode(@Nullable DeliveryMode mode) {
      this.deliveryMode = mode;
      return this;
    }

    /** @param mandatory return unroutable messages @return this */
    public Builder mandatory(boolean mandatory) {
      this.mandatory = mandatory;
      return this;
    }

    /** @param priority 0-255 @return this */
    public Builder priority(@Nullable Integer priority) {
      if (priority != null && (priority < 0 || priority > 255)) {
        throw new IllegalArgumentException("priority must be between 0 and 255, was " + priority);
      }
      this.priority = priority;
      return this;
    }

    /** @param contentType content type of an already-serialized body @return this */
    public Builder contentType(@Nullable String contentType) {
      this.contentType = contentType;
      return this;
    }

    /** @param contentEncoding its encoding @return this */
    public Builder contentEncoding(@Nullable String contentEncoding) {
      this.contentEncoding = contentEncoding;
      return this;
    }

    /** @param serializer serializer name ({@code json}, {@code msgpack}, {@code yaml}, {@code raw}, ...) @return this */
    public Builder serializer(@Nullable String serializer) {
      this.serializer = serializer;
      return this;
    }

    /** @param compression compression name or content type ({@code zlib}, {@code bzip2}, ...) @return this */
    public Builder compression(@Nullable String compression) {
      this.compression = compression;
      return this;
    }

    /**
     * @param name header name
     * @param value header value; null is allowed and travels as JSON {@code null} / AMQP void, because Python peers send
     *     it (Celery's {@code eta}, {@code expires}, {@code group} are often {@code None})
     * @return this
     */
    public Builder header(String name, @Nullable Object value) {
      headers.put(Objects.requireNonNull(name, "name"), value);
      return this;
    }

    /** @param headers headers to add @return this */
    public Builder headers(Map<String, ?> headers) {
      headers.forEach(this::header);
      return this;
    }

    /** @param name AMQP property name, e.g. {@code correlation_id} @param value its value @return this */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** @param id correlation id @return this */
    public Builder correlationId(String id) {
      return property("correlation_id", id);
    }

    /** @param replyTo queue name for replies @return this */
    public Builder replyTo(String replyTo) {
      return property("reply_to", replyTo);
    }

    /** @param id message id @return this */
    public Builder messageId(String id) {
      return property("message_id", id);
    }

    /** @param type application message type @return this */
    public Builder type(String type) {
      return property("type", type);
    }

    /** @param appId application id @return this */
    public Builder appId(String appId) {
      return property("app_id", appId);
    }

    /** @param userId user id, checked by RabbitMQ @return this */
    public Builder userId(String userId) {
      return property("user_id", userId);
    }

    /** @param epochSeconds AMQP timestamp in seconds since the epoch @return this */
    public Builder timestamp(long epochSeconds) {
      return property("timestamp", epochSeconds);
    }

    /** @param policy retry across reconnects with this policy, or null not to retry @return this */
    public Builder retry(@Nullable RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    /** @param entity entity to declare before publishing @return this */
    public Builder declare(Declarable entity) {
      declare.add(Objects.requireNonNull(entity, "entity"));
      return this;
    }

    /** @param expiration message time to live @return this */
    public Builder expiration(@Nullable Duration expiration) {
      this.expiration = expiration;
      return this;
    }

    /** @param timeout confirm wait @return this */
    public Builder confirmTimeout(@Nullable Duration timeout) {
      this.confirmTimeout = timeout;
      return this;
    }

    /** @return the options */
    public PublishOptions build() {
      return new PublishOptions(this);
    }
  }
}
