package io.kombu.pools;

import io.kombu.Channel;
import io.kombu.Declarable;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class PooledProducer implements Producer {
  private static final Logger log = LoggerFactory.getLogger(PooledProducer.class);

  private final ProducerPool pool;
  private final ProducerSlot slot;
  private final PooledConnection connection;
  private final Producer delegate;
  private final AtomicBoolean returned = new AtomicBoolean();

  PooledProducer(ProducerPool pool, ProducerSlot slot, PooledConnection connection) {
    this.pool = pool;
    this.slot = slot;
    this.connection = connection;
    this.delegate = slot.bind(connection.delegate());
  }

  /** @return the pool it came from */
  public ProducerPool pool() {
    return pool;
  }

  /** @return the connection it publishes on during this loan (returned to its pool with the producer) */
  public PooledConnection connection() {
    live();
    return connection;
  }

  /** @return whether the loan is over */
  public boolean isReleased() {
    return returned.get();
  }

  ProducerSlot slot() {
    return slot;
  }

  PooledConnection loanedConnection() {
    return connection;
  }

  boolean endLoan() {
    return returned.compareAndSet(false, true);
  }

  private Producer live() {
    if (returned.get()) {
      throw new IllegalStateException("this pooled producer was already returned to its pool; acquire another from the"
          + " pool instead of keeping a reference after close()");
    }
    return delegate;
  }

  @Override
  public void publish(@Nullable Object body) {
    live().publish(body);
  }

  @Override
  public void publish(@Nullable Object body, PublishOptions options) {
    live().publish(body, options);
  }

  @Override
  public void publishAll(java.util.Collection<?> bodies, PublishOptions options) {
    live().publishAll(bodies, options);
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
    return live().channel();
  }

  @Override
  public Producer declare() {
    live().declare();
    return this;
  }

  @Override
  public boolean maybeDeclare(Declarable entity) {
    return live().maybeDeclare(entity);
  }

  @Override
  public void revive(Channel channel) {
    live().revive(channel);
  }

  /** Returns the producer and its connection to their pools (Kombu's {@code release}). */
  public void release() {
    close();
  }

  /** Returns the producer and its connection to their pools. A second call does nothing. */
  @Override
  public void close() {
    if (endLoan()) {
      pool.giveBack(this);
    } else {
      log.debug("Pooled producer already returned");
    }
  }

  @Override
  public String toString() {
    return "PooledProducer(exchange=" + delegate.exchange().name() + ", " + connection.asUri()
        + (returned.get() ? ", returned" : "") + ")";
  }
}
