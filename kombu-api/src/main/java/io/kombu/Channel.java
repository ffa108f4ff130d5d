package io.kombu;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A channel on a {@link Connection}: where exchanges and queues are declared, bound and deleted, and where producers and
 * consumers work. Operations follow Kombu's rules: exchanges named {@code ""} or starting with {@code amq.} are never
 * declared; {@link #declare(Queue)} declares the queue's exchange, the queue and every binding.
 *
 * <p>Thread-safety: not thread-safe, like Kombu's and AMQP's channels. Use one channel per thread, or a pool.
 */
public interface Channel extends AutoCloseable {
  /** @return the channel number, unique on its connection */
  int channelId();

  /** @return false once closed */
  boolean isOpen();

  /** @return the connection it belongs to */
  Connection connection();

  /**
   * Declares an exchange (skipped for the default and {@code amq.*} exchanges and for {@code noDeclare}).
   *
   * @param exchange the exchange
   * @throws PreconditionFailedException when it exists with other properties
   * @throws NotFoundException when passive and it does not exist
   */
  void declare(Exchange exchange);

  /**
   * Declares a queue: its exchange, the queue itself, and its binding(s).
   *
   * @param queue the queue
   * @return the name (the broker's, for a server-named queue) and counts
   */
  QueueDeclareResult declare(Queue queue);

  /**
   * Declares through the connection's cache (Kombu's {@code maybe_declare}).
   *
   * @param entity exchange or queue
   * @return true when declared now, false when already in the cache
   */
  boolean maybeDeclare(Declarable entity);

  /**
   * @param queueName an existing queue
   * @return its message and consumer counts
   * @throws NotFoundException when it does not exist
   */
  QueueDeclareResult queueDeclarePassive(String queueName);

  /** @param name exchange name @param ifUnused only when no queue is bound */
  void exchangeDelete(String name, boolean ifUnused);

  /**
   * Binds an exchange to another exchange (AMQP only).
   *
   * @param destination receiving exchange
   * @param source sending exchange
   * @param routingKey binding key
   * @param arguments binding arguments
   * @throws KombuException when the transport cannot bind exchanges to exchanges
   */
  void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments);

  /**
   * @param destination receiving exchange
   * @param source sending exchange
   * @param routingKey binding key
   * @param arguments binding arguments
   */
  void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments);

  /**
   * @param queue queue name
   * @param exchange exchange name
   * @param routingKey binding key
   * @param arguments binding arguments
   */
  void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments);

  /**
   * @param queue queue name
   * @param exchange exchange name
   * @param routingKey binding key
   * @param arguments binding arguments
   */
  void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments);

  /** @param queue queue name @return how many messages were removed */
  long queuePurge(String queue);

  /**
   * @param queue queue name
   * @param ifUnused only when it has no consumers
   * @param ifEmpty only when it has no messages
   * @return how many messages were deleted with it
   */
  long queueDelete(String queue, boolean ifUnused, boolean ifEmpty);

  /**
   * Fetches one message (AMQP {@code basic.get}), to be settled like a consumed one.
   *
   * @param queue queue name
   * @return the message, or empty when the queue has none
   */
  Optional<Message> get(String queue);

  /**
   * @param queue queue name
   * @param noAck settle it on delivery
   * @param accept accepted names or content types for {@link Message#decode()}, or null for the defaults
   * @return the message, or empty when the queue has none
   */
  Optional<Message> get(String queue, boolean noAck, @Nullable List<String> accept);

  /**
   * @param prefetchSize byte limit (0 = none; most brokers ignore it)
   * @param prefetchCount unacked message limit (0 = none)
   * @param global whole channel (AMQP) rather than per consumer
   */
  void qos(int prefetchSize, int prefetchCount, boolean global);

  /** @param requeue redeliver every unacked message; virtual transports support only true */
  void recover(boolean requeue);

  /** @param active pause or resume delivery @throws KombuException when the transport has no flow control */
  void flow(boolean active);

  /** @return a producer with Kombu's defaults on this channel */
  Producer producer();

  /** @param options the producer's defaults @return a producer on this channel */
  Producer producer(ProducerOptions options);

  /** @param options queues, callbacks, accept list, prefetch @return a consuming consumer on this channel */
  Consumer consumer(ConsumerOptions options);

  /**
   * Closes the channel: consumers are cancelled and unacked messages go back to their queues. Closing twice does nothing.
   */
  @Override
  void close();
}
