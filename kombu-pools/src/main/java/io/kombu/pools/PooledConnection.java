package io.kombu.pools;

import io.kombu.Channel;
import io.kombu.ChannelOperation;
import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.MessageHandler;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.Queue;
import io.kombu.RetryListener;
import io.kombu.RetryPolicy;
import io.kombu.SimpleQueue;
import io.kombu.SimpleQueueOptions;
import io.kombu.spi.TransportCapabilities;
import java.time.Duration;
import java.util.Map;

/**
 * A connection on loan from a {@link ConnectionPool}: every method goes to the pooled connection, while {@link #release()}
 * and {@link #close()} give it back to the pool instead of closing it, so try-with-resources returns it. After that the
 * loan is over and every other method throws {@link IllegalStateException}; acquire again for more work.
 *
 * <p>Try-with-resources always returns the connection, even when the block threw. To have a connection that failed
 * replaced instead, use {@link ConnectionPool#use} or call {@link ConnectionPool#replace} from a catch block.
 *
 * <p>Thread-safety: not thread-safe, like every connection: one thread uses a loan at a time. {@link #close()} and {@link
 * #release()} may be called from any thread, and a second call does nothing.
 */
public final class PooledConnection extends Loan<Connection> implements Connection {
  private final ConnectionPool pool;

  PooledConnection(ConnectionPool pool, Connection delegate) {
    super(delegate, "connection", "release()");
    this.pool = pool;
  }

  /** @return the pool it came from */
  @Override
  public ConnectionPool pool() {
    return pool;
  }

  @Override
  public Connection connect() {
    live().connect();
    return this;
  }

  @Override
  public Connection ensureConnection(RetryPolicy policy) {
    live().ensureConnection(policy);
    return this;
  }

  @Override
  public Connection ensureConnection(RetryPolicy policy, RetryListener listener) {
    live().ensureConnection(policy, listener);
    return this;
  }

  @Override
  public boolean isConnected() {
    return live().isConnected();
  }

  @Override
  public Channel channel() {
    return live().channel();
  }

  @Override
  public Channel defaultChannel() {
    return live().defaultChannel();
  }

  @Override
  public void drainEvents(Duration timeout) {
    live().drainEvents(timeout);
  }

  @Override
  public <T> T ensure(ChannelOperation<T> operation, RetryPolicy policy) {
    return live().ensure(operation, policy);
  }

  @Override
  public Producer producer() {
    return live().producer();
  }

  @Override
  public Producer producer(Exchange exchange) {
    return live().producer(exchange);
  }

  @Override
  public Producer producer(ProducerOptions options) {
    return live().producer(options);
  }

  @Override
  public Consumer consumer(Queue queue, MessageHandler handler) {
    return live().consumer(queue, handler);
  }

  @Override
  public Consumer consumer(ConsumerOptions options) {
    return live().consumer(options);
  }

  @Override
  public SimpleQueue simpleQueue(String name) {
    return live().simpleQueue(name);
  }

  @Override
  public SimpleQueue simpleQueue(Queue queue, SimpleQueueOptions options) {
    return live().simpleQueue(queue, options);
  }

  @Override
  public SimpleQueue simpleBuffer(String name) {
    return live().simpleBuffer(name);
  }

  /** @return a new, unconnected and unpooled connection with the same parameters */
  @Override
  public Connection clone() {
    return resource().clone();
  }

  @Override
  public boolean supportsExchangeType(ExchangeType type) {
    return resource().supportsExchangeType(type);
  }

  @Override
  public TransportCapabilities capabilities() {
    return resource().capabilities();
  }

  @Override
  public String transportName() {
    return resource().transportName();
  }

  @Override
  public Map<String, Object> info() {
    return resource().info();
  }

  @Override
  public String asUri() {
    return resource().asUri();
  }

  @Override
  public String asUri(boolean includePassword) {
    return resource().asUri(includePassword);
  }

  /** Returns the connection to its pool (Kombu's {@code release} of a pooled connection); a second call does nothing. */
  @Override
  public void release() {
    pool.returnLoan(this);
  }

  /** Same as {@link #release()}: returns the connection to its pool, open. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "PooledConnection(" + resource().asUri() + (isReleased() ? ", returned" : "") + ")";
  }
}
