package io.kombu;

import java.time.Duration;
import java.util.Map;
import io.kombu.spi.TransportCapabilities;

/**
 * A connection to a broker, or to one of several in failover order (Kombu's {@code Connection}). It connects lazily, on
 * first use, with one retry (Kombu's behaviour); {@link #ensureConnection(RetryPolicy)} waits as long as a policy allows.
 * Consumers receive messages only while some thread calls {@link #drainEvents(Duration)}.
 *
 * <pre>{@code
 * try (Connection conn = Kombu.connect("redis://localhost:6379/0")) {
 *   conn.simpleQueue("tasks").put(Map.of("hello", "world"));
 * }
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe, like Kombu's connections. Share connections between threads through {@code
 * kombu-pools}; {@link #close()} may be called from any thread.
 */
public interface Connection extends AutoCloseable {
  /**
   * Connects now if not connected (two attempts, as Kombu's {@code connect()}).
   *
   * @return this
   * @throws OperationalException when the broker cannot be reached
   */
  Connection connect();

  /**
   * Connects, retrying (and moving through failover alternates) as the policy allows.
   *
   * @param policy how long to keep trying
   * @return this
   * @throws OperationalException when the policy gives up
   */
  Connection ensureConnection(RetryPolicy policy);

  /**
   * @param policy how long to keep trying
   * @param listener told of each failure and the wait before the next attempt
   * @return this
   */
  Connection ensureConnection(RetryPolicy policy, RetryListener listener);

  /** @return whether a broker connection is open now */
  boolean isConnected();

  /** @return a new channel (connects if needed) */
  Channel channel();

  /** @return the connection's own channel, created on first use and reused after */
  Channel defaultChannel();

  /**
   * Waits for messages on any channel of this connection and hands them to their consumers on this thread. Virtual
   * transports deliver at most one message per call, as in Kombu; AMQP delivers what has arrived.
   *
   * @param timeout the longest to wait
   * @throws KombuTimeoutException when nothing arrived in time
   */
  void drainEvents(Duration timeout);

  /**
   * Runs an operation on the default channel, and when it fails with a recoverable error reconnects (to the next
   * alternate, if any), and runs it again on the new channel, as the policy allows (Kombu's {@code ensure}/{@code
   * autoretry}).
   *
   * @param operation the work; it must be safe to repeat
   * @param policy retry limits
   * @param <T> result type
   * @return the operation's result
   * @throws OperationalException when the policy gives up
   */
  <T> T ensure(ChannelOperation<T> operation, RetryPolicy policy);

  /** @return a producer with Kombu's defaults on the default channel */
  Producer producer();

  /** @param exchange default exchange @return a producer on the default channel */
  Producer producer(Exchange exchange);

  /** @param options producer defaults @return a producer on the default channel */
  Producer producer(ProducerOptions options);

  /**
   * @param queue the queue (declared unless it says not to)
   * @param handler called with each decoded body
   * @return a consuming consumer on the default channel
   */
  Consumer consumer(Queue queue, MessageHandler handler);

  /** @param options queues, callbacks, accept list, prefetch @return a consuming consumer on the default channel */
  Consumer consumer(ConsumerOptions options);

  /** @param name queue, exchange and routing key name @return a simple queue on a new channel */
  SimpleQueue simpleQueue(String name);

  /** @param queue the queue @param options serializer, compression, accept, no-ack @return a simple queue on a new channel */
  SimpleQueue simpleQueue(Queue queue, SimpleQueueOptions options);

  /** @param name queue name @return a transient, auto-deleted, no-ack simple queue (Kombu's {@code SimpleBuffer}) */
  SimpleQueue simpleBuffer(String name);

  /** @return a new, unconnected connection with the same parameters */
  Connection clone();

  /**
   * @param type an exchange type
   * @return whether the transport routes it
   */
  boolean supportsExchangeType(ExchangeType type);

  /** @return what the transport can do */
  TransportCapabilities capabilities();

  /** @return the transport's name, e.g. {@code redis} */
  String transportName();

  /** @return Kombu's {@code info()}: hostname, userid, password (masked), virtual_host, port, transport, ... */
  Map<String, Object> info();

  /** @return the current URL with the password masked, e.g. {@code amqp://guest:**@localhost:5672//} */
  String asUri();

  /**
   * @param includePassword show the password in clear (never log the result)
   * @return the current URL
   */
  String asUri(boolean includePassword);

  /** Same as {@link #close()} (Kombu's {@code release}; pooled connections override it to go back to their pool). */
  void release();

  /** Closes every channel (unacked messages go back to their queues) and the broker connection. Closing twice does nothing. */
  @Override
  void close();
}
