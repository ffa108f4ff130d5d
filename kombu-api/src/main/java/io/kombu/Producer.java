package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * Publishes messages: serializes, compresses and sends them to an exchange (Kombu's {@code Producer}). Created by {@link
 * Connection#producer} or {@link Channel#producer}.
 *
 * <pre>{@code
 * try (Producer producer = conn.producer(orders)) {
 *   producer.publish(Map.of("id", 42), PublishOptions.routingKey("orders.created"));
 * }
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe, like the channel it publishes on. Share producers between threads through
 * {@code kombu-pools}' {@code ProducerPool}.
 */
public interface Producer extends AutoCloseable {
  /**
   * Publishes with the producer's defaults.
   *
   * @param body a value to serialize (json by default), a String (sent as {@code text/plain}) or byte[] ({@code
   *     application/data})
   */
  void publish(@Nullable Object body);

  /**
   * @param body the value to send
   * @param options routing key, serializer, headers, retry and the rest of Kombu's publish arguments
   * @throws EncodeException when the body cannot be serialized
   * @throws OperationalException when the broker is unreachable and no retry policy was given, or retries ran out
   */
  void publish(@Nullable Object body, PublishOptions options);

  /** @return the default exchange */
  Exchange exchange();

  /** @return the default routing key */
  String routingKey();

  /** @return the channel it publishes on */
  Channel channel();

  /** Declares the default exchange (unless it is the default exchange). @return this */
  Producer declare();

  /** @param entity exchange or queue @return true when it was declared now, false when the cache already had it */
  boolean maybeDeclare(Declarable entity);

  /** Moves the producer to another channel, e.g. after a reconnect. @param channel the new channel */
  void revive(Channel channel);

  /** Releases the producer. Closing twice does nothing. The channel stays open. */
  @Override
  void close();
}
