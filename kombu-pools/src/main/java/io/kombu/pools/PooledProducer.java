package io.kombu.pools;

import io.kombu.Channel;
import io.kombu.Declarable;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import org.jspecify.annotations.Nullable;

/**
 * A producer on loan from a {@link ProducerPool}, bound for the loan to a connection on loan from the pool's {@link
 * ConnectionPool}. {@link #close()} (and so try-with-resources) returns both: the connection to its pool, still open with
 * its declaration cache, and the producer to its pool. After that every other method throws {@link
 * IllegalStateException}.
 *
 * <p>Publishing with {@link PublishOptions.Builder#retry} retries across a reconnect of the loaned connection, as Kombu's
 * {@code publish(retry=True)}. Use {@link ProducerPool#use} to have a producer whose work threw replaced, together with
 * its connection, rather than reused.
 *
 * <p>Thread-safety: not thread-safe, like every producer: one thread uses a loan at a time. {@link #close()} may be
 * called from any thread, and a second call does nothing.
 */
public final class PooledProducer extends Loan<ProducerSlot> implements Producer {
  private final ProducerPool pool;
  private final PooledConnection connection;
  private final Producer delegate;

  PooledProducer(ProducerPool pool, ProducerSlot slot, PooledConnection connection) {
    super(slot, "producer", "close()");
    this.pool = pool;
    this.connection = connection;
    this.delegate = slot.bind(connection.resource());
  }

  /** @return the pool it came from */
  @Override
  public ProducerPool pool() {
    return pool;
  }

  /** @return the connection it publishes on during this loan (returned to its pool with the producer) */
  public PooledConnection connection() {
    checkLive();
    return connection;
  }

  PooledConnection loanedConnection() {
    return connection;
  }

  private Producer liveProducer() {
    checkLive();
    return delegate;
  }

  @Override
  public void publish(@Nullable Object body) {
    liveProducer().publish(body);
  }

  @Override
  public void publish(@Nullable Object body, PublishOptions options) {
    liveProducer().publish(body, options);
  }

  @Override
  public void publishAll(java.util.Collection<?> bodies, PublishOptions options) {
    liveProducer().publishAll(bodies, options);
  }

  @Override
  public Exchange exchange() {
    return delegate.exchange();
  }

  @Override
  public String routingKey() {
    return delegate.routingKey();
  }

  @Override
  public Channel channel() {
    return liveProducer().channel();
  }

  @Override
  public Producer declare() {
    liveProducer().declare();
    return this;
  }

  @Override
  public boolean maybeDeclare(Declarable entity) {
    return liveProducer().maybeDeclare(entity);
  }

  @Override
  public void revive(Channel channel) {
    liveProducer().revive(channel);
  }

  /** Returns the producer and its connection to their pools (Kombu's {@code release}). */
  public void release() {
    close();
  }

  /** Returns the producer and its connection to their pools. A second call does nothing. */
  @Override
  public void close() {
    pool.returnLoan(this);
  }

  @Override
  public String toString() {
    return "PooledProducer(exchange=" + delegate.exchange().name() + ", " + connection.asUri()
        + (isReleased() ? ", returned" : "") + ")";
  }
}
