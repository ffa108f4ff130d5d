package io.kombu;

import java.util.List;

/**
 * Receives messages from one or more queues and hands them to callbacks on the thread that calls {@link
 * Connection#drainEvents} (Kombu's {@code Consumer}). Creating one declares its queues (unless auto-declare is off), applies
 * its prefetch count and starts consuming; {@link #close()} cancels it.
 *
 * <pre>{@code
 * try (Consumer consumer = conn.consumer(queue, (body, message) -> { handle(body); message.ack(); })) {
 *   conn.drainEvents(Duration.ofSeconds(1));
 * }
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe; use it on the thread that drains its connection.
 */
public interface Consumer extends AutoCloseable {
  /** @return the queues, in order */
  List<Queue> queues();

  /** @return the channel it consumes on */
  Channel channel();

  /** Starts consuming from every queue not yet consumed from (each queue's own no-ack setting). */
  void consume();

  /** @param noAck consume without acknowledgements */
  void consume(boolean noAck);

  /** Stops consuming from every queue. Unacked messages stay unacked until settled or the channel closes. */
  void cancel();

  /** @param queueName stop consuming from this queue and forget it */
  void cancelByQueue(String queueName);

  /** @param queueName queue name @return whether the consumer currently consumes from it */
  boolean consumingFrom(String queueName);

  /** @param queue declare it and add it (consumed from at the next {@link #consume()}) */
  void addQueue(Queue queue);

  /** @return how many messages were purged from all its queues */
  long purge();

  /**
   * @param prefetchSize byte limit (ignored by most brokers; 0 = none)
   * @param prefetchCount unacked message limit (0 = none)
   * @param global apply to the whole channel (AMQP) rather than per consumer
   */
  void qos(int prefetchSize, int prefetchCount, boolean global);

  /** @param requeue redeliver every unacked message of the channel */
  void recover(boolean requeue);

  /**
   * @param active pause or resume delivery
   * @throws KombuException when the transport cannot do flow control
   */
  void flow(boolean active);

  /** Moves the consumer to another channel and consumes there, e.g. after a reconnect. @param channel the new channel */
  void revive(Channel channel);

  /** Cancels the consumer. Closing twice does nothing. */
  @Override
  void close();
}
