package io.kombu;

import java.util.Collection;
import java.util.Objects;
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

  /**
   * Publishes every body with the same options, in order: one round trip where the transport can pipeline (Redis sends
   * the whole batch in one pipeline), one publish per body elsewhere. Atomicity is not promised: when the broker fails
   * midway, some messages may have been sent. With a retry policy the whole batch is retried, so messages sent before
   * the failure may be delivered twice.
   *
   * <p>The default publishes the bodies one by one.
   *
   * @param bodies the values to send, each serialized as {@link #publish(Object, PublishOptions)} does (none may be
   *     null unless the serializer accepts null)
   * @param options routing key, serializer, headers, retry and the rest, applied to every body
   * @throws EncodeException when a body cannot be serialized (then nothing was sent)
   * @throws OperationalException when the broker is unreachable and no retry policy was given, or retries ran out
   */
  default void publishAll(Collection<?> bodies, PublishOptions options) {
    Objects.requireNonNull(bodies, "bodies");
    Objects.requireNonNull(options, "options");
    for (Object body : bodies) {
      publish(body, options);
    }
  }

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
