package io.kombu.spi;

import io.kombu.Exchange;
import io.kombu.QueueDeclareResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The AMQP-shaped channel every transport offers to core. Native transports map it onto their protocol; core's virtual
 * engine implements it for stores that only keep lists. Names follow AMQP 0-9-1. Core has already applied Kombu's rules
 * (no declare of {@code amq.*} or the default exchange, x-argument mapping) before calling these.
 *
 * <p>Thread-safety: used by one thread at a time; {@link #close()} may come from any thread.
 */
public interface TransportChannel extends AutoCloseable {
  /** @return the channel number */
  int channelId();

  /** @return false once closed */
  boolean isOpen();

  /**
   * @param exchange name, type, flags and arguments
   * @throws io.kombu.PreconditionFailedException when it exists with other properties
   * @throws io.kombu.NotFoundException when passive and missing
   */
  void exchangeDeclare(Exchange exchange);

  /** @param exchange name @param ifUnused only when unbound */
  void exchangeDelete(String exchange, boolean ifUnused);

  /**
   * @param destination receiving exchange
   * @param source sending exchange
   * @param routingKey key
   * @param arguments arguments
   * @throws io.kombu.KombuException when not supported (say so in the message)
   */
  void exchangeBind(String destination, String source, String routingKey, Map<String, Object> arguments);

  /**
   * @param destination receiving exchange
   * @param source sending exchange
   * @param routingKey key
   * @param arguments arguments
   */
  void exchangeUnbind(String destination, String source, String routingKey, Map<String, Object> arguments);

  /**
   * @param queue name, or {@code ""} for a server-named queue
   * @param passive only check existence
   * @param durable survive restarts
   * @param exclusive only this connection
   * @param autoDelete delete when unused
   * @param arguments x-arguments, already merged from the queue's typed helpers
   * @return the name and counts
   * @throws io.kombu.NotFoundException when passive and missing
   */
  QueueDeclareResult queueDeclare(
      String queue, boolean passive, boolean durable, boolean exclusive, boolean autoDelete, Map<String, Object> arguments);

  /**
   * @param queue queue
   * @param exchange exchange
   * @param routingKey binding key
   * @param arguments binding arguments
   */
  void queueBind(String queue, String exchange, String routingKey, Map<String, Object> arguments);

  /**
   * @param queue queue
   * @param exchange exchange
   * @param routingKey binding key
   * @param arguments binding arguments
   */
  void queueUnbind(String queue, String exchange, String routingKey, Map<String, Object> arguments);

  /** @param queue queue @return messages removed */
  long queuePurge(String queue);

  /**
   * @param queue queue
   * @param ifUnused only without consumers
   * @param ifEmpty only without messages
   * @return messages deleted
   */
  long queueDelete(String queue, boolean ifUnused, boolean ifEmpty);

  /**
   * @param message body, content type and encoding, headers and properties
   * @param exchange exchange name ({@code ""} = default exchange)
   * @param routingKey routing key
   * @param mandatory return the message when unroutable (where supported)
   * @param confirmTimeout wait this long for a publisher confirm, or null for the transport's default
   */
  void basicPublish(
      OutboundMessage message, String exchange, String routingKey, boolean mandatory, @Nullable Duration confirmTimeout);

  /**
   * Publishes several messages to one exchange and routing key, in order. Transports that can pipeline override this to
   * send the batch in as few round trips as they can; atomicity is not promised. The default calls {@link #basicPublish}
   * for each message.
   *
   * @param messages the messages, in publish order
   * @param exchange exchange name ({@code ""} = default exchange)
   * @param routingKey routing key
   * @param mandatory return unroutable messages (where supported)
   * @param confirmTimeout wait this long for publisher confirms, or null for the transport's default
   */
  default void basicPublishAll(
      List<OutboundMessage> messages,
      String exchange,
      String routingKey,
      boolean mandatory,
      @Nullable Duration confirmTimeout) {
    for (OutboundMessage message : messages) {
      basicPublish(message, exchange, routingKey, mandatory, confirmTimeout);
    }
  }

  /**
   * @param queue queue
   * @param noAck settle on delivery
   * @return a message, or empty
   */
  Optional<Delivery> basicGet(String queue, boolean noAck);

  /**
   * Starts delivering a queue's messages to a callback, which runs inside {@link TransportConnection#drainEvents}.
   *
   * @param queue queue
   * @param noAck settle on delivery
   * @param consumerTag tag chosen by core
   * @param arguments consume arguments
   * @param callback receives each delivery
   * @param onCancel told when the broker cancels the consumer, or null
   */
  void basicConsume(
      String queue,
      boolean noAck,
      String consumerTag,
      Map<String, Object> arguments,
      DeliveryCallback callback,
      @Nullable CancelCallback onCancel);

  /** @param consumerTag tag; an unknown tag is ignored */
  void basicCancel(String consumerTag);

  /** @param deliveryTag tag @param multiple also every earlier unacked tag */
  void basicAck(long deliveryTag, boolean multiple);

  /** @param deliveryTag tag @param requeue put back for redelivery */
  void basicReject(long deliveryTag, boolean requeue);

  /**
   * @param prefetchSize bytes (0 = none)
   * @param prefetchCount messages (0 = none)
   * @param global whole channel
   */
  void basicQos(int prefetchSize, int prefetchCount, boolean global);

  /** @param requeue redeliver every unacked message */
  void basicRecover(boolean requeue);

  /** @param active pause or resume @throws io.kombu.KombuException when not supported */
  void flow(boolean active);

  /** @param listener receives returned mandatory messages, or null */
  void setReturnCallback(@Nullable ReturnCallback listener);

  /** Cancels consumers, returns unacked messages to their queues, releases the channel. Closing twice does nothing. */
  @Override
  void close();
}
