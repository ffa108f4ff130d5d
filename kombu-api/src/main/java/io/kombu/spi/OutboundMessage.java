package io.kombu.spi;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message ready to publish: serialized, compressed body plus Kombu's properties by their AMQP names ({@code
 * delivery_mode}, {@code priority}, {@code expiration}, {@code correlation_id}, ...), in the order Kombu puts them.
 *
 * <p>Thread-safety: immutable as long as its creator changes neither the body array nor the two maps after construction
 * (they are not copied: core builds one message per publish and this copy would be a large part of its cost).
 */
public final class OutboundMessage {
  private final byte[] body;
  private final @Nullable String contentType;
  private final @Nullable String contentEncoding;
  private final Map<String, Object> headers;
  private final Map<String, Object> properties;

  /**
   * @param body the bytes to send (not copied)
   * @param contentType content type, or null
   * @param contentEncoding content encoding, or null
   * @param headers application headers (not copied; read-only to everyone else)
   * @param properties message properties by AMQP name (not copied; read-only to everyone else)
   */
  public OutboundMessage(
      byte[] body,
      @Nullable String contentType,
      @Nullable String contentEncoding,
      Map<String, Object> headers,
      Map<String, Object> properties) {
    this.body = Objects.requireNonNull(body, "body");
    this.contentType = contentType;
    this.contentEncoding = contentEncoding;
    this.headers = Collections.unmodifiableMap(Objects.requireNonNull(headers, "headers"));
    this.properties = Collections.unmodifiableMap(Objects.requireNonNull(properties, "properties"));
  }

  /** @return the body bytes (do not modify) */
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

  /** @return properties by AMQP name */
  public Map<String, Object> properties() {
    return properties;
  }

  @Override
  public String toString() {
    return "OutboundMessage(" + body.length + " bytes, " + contentType + ", headers=" + headers.keySet() + ")";
  }
}
