package io.kombu.pools;

import io.kombu.LimitExceededException;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.pools.internal.ResourcePool;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A pool of producers (Kombu's {@code ProducerPool}): each loan takes a producer and a connection from a {@link
 * ConnectionPool}, and returning the producer returns the connection too. Producers are created lazily up to the limit;
 * since the connections stay open in their pool, the declaration cache behind {@link Producer#maybeDeclare} survives from
 * loan to loan, and a producer usually gets the same connection back (both pools are LIFO).
 *
 * <pre>{@code
 * ProducerPool producers = Pools.producers().get(conn);
 * producers.run(Duration.ofSeconds(5), p -> p.publish(order, PublishOptions.builder()
 *     .exchange(orders).routingKey("orders.created").retry(RetryPolicy.ENSURE_DEFAULTS).build()));
 * }</pre>
 *
 * <p>Thread-safety: thread-safe. The producers it hands out are not: each loan belongs to one thread until returned.
 */
public final class ProducerPool implements AutoCloseable {
  private final ConnectionPool connections;
  private final ProducerOptions options;
  private final ResourcePool<ProducerSlot> resources;

  /**
   * @param connections where producers get their connections; a producer loan waits for a connection as long as it waits
   *     for a producer
   * @param limit the most producers at once, 0 for no limit
   */
  public ProducerPool(ConnectionPool connections, int limit) {
    this(connections, limit, ProducerOptions.defaults());
  }

  /**
   * @param connections where producers get their connections
   * @param limit the most producers at once, 0 for no limit
   * @param options every producer's defaults (exchange, routing key, serializer, compression)
   */
  public ProducerPool(ConnectionPool connections, int limit, ProducerOptions options) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.options = Objects.requireNonNull(options, "options");
    this.resources = new ResourcePool<>("producer", limit, new ResourcePool.Lifecycle<>() {
      @Override
      public ProducerSlot create() {
        return new ProducerSlot(options);
      }

      @Override
      public void close(ProducerSlot resource) {
        resource.close();
      }
    }, LimitExceededException::new);
  }

  /**
   * Takes a producer and a connection without waiting.
   *
   * @return a producer on loan; return it with {@code close()}
   * @throws LimitExceededException when all producers are in use
   * @throws io.kombu.ConnectionLimitExceededException when a producer is free but no connection is
   * @throws IllegalStateException "Acquire on closed pool" once this pool or its connection pool was closed
   */
  public PooledProducer acquire() {
    return lend(null);
  }

  /**
   * Takes a producer and a connection, waiting up to the timeout in all.
   *
   * @param timeout how long to wait for both
   * @return a producer on loan
   * @throws LimitExceededException (or its connection subclass) when none became free in time
   */
  public PooledProducer acquire(Duration timeout) {
    return lend(Objects.requireNonNull(timeout, "timeout"));
  }

  private PooledProducer lend(@Nullable Duration timeout) {
    long start = System.nanoTime();
    ProducerSlot slot = resources.acquire(timeout);
    PooledConnection conn;
    try {
      Duration remaining = null;
      if (timeout != null) {
        Duration left = timeout.minusNanos(System.nanoTime() - start);
        remaining = left.isNegative() ? Duration.ZERO : left;
      }
      conn = connections.lend(remaining);
    } catch (RuntimeException | Error e) {
      resources.release(slot);
      throw e;
    }
    try {
      return new PooledProducer(this, slot, conn);
    } catch (RuntimeException | Error e) {
      connections.replace(conn);
      resources.replace(slot);
      throw e;
    }
  }

  /**
   * Runs work with a producer and returns it; when the work throws, the producer and its connection are closed and
   * replaced instead of reused, and the error propagates.
   *
   * @param timeout how long to wait for a producer and a connection
   * @param work what to do with it; must not keep the producer
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T use(Duration timeout, Function<? super PooledProducer, T> work) {
    Objects.requireNonNull(work, "work");
    PooledProducer producer = acquire(timeout);
    T result;
    try {
      result = work.apply(producer);
    } catch (RuntimeException | Error e) {
      replace(producer);
      throw e;
    }
    producer.close();
    return result;
  }

  /**
   * Like {@link #use} for work without a result.
   *
   * @param timeout how long to wait for a producer and a connection
   * @param work what to do with it
   */
  public void run(Duration timeout, Consumer<? super PooledProducer> work) {
    Objects.requireNonNull(work, "work");
    use(timeout, producer -> {
      work.accept(producer);
      return null;
    });
  }

  /** @param producer a producer from this pool: it and its connection are returned; a second call does nothing */
  public void release(Producer producer) {
    requireFrom(producer).close();
  }

  /** @param producer a broken producer from this pool: it and its connection are closed and their slots freed */
  public void replace(Producer producer) {
    PooledProducer pooled = requireFrom(producer);
    if (pooled.endLoan()) {
      connections.replace(pooled.loanedConnection());
      resources.replace(pooled.slot());
    }
  }

  void giveBack(PooledProducer producer) {
    try {
      producer.loanedConnection().release();
    } finally {
      resources.release(producer.slot());
    }
  }

  private PooledProducer requireFrom(Producer producer) {
    Objects.requireNonNull(producer, "producer");
    if (!(producer instanceof PooledProducer) || ((PooledProducer) producer).pool() != this) {
      throw new IllegalArgumentException("this producer did not come from this pool: " + producer);
    }
    return (PooledProducer) producer;
  }

  /** @return the connection pool producers borrow from */
  public ConnectionPool connections() {
    return connections;
  }

  /** @return every producer's defaults */
  public ProducerOptions options() {
    return options;
  }

  /**
   * @param limit the new limit, 0 for none
   * @throws IllegalStateException "Can't shrink pool when in use: was=A now=B" when fewer than are in use
   */
  public void resize(int limit) {
    resources.resize(limit, false);
  }

  /**
   * @param limit the new limit, 0 for none
   * @param force when shrinking below the number in use, drop every producer instead of failing
   */
  public void resize(int limit, boolean force) {
    resources.resize(limit, force);
  }

  /** Drops every producer, also those on loan, and closes this pool; the connection pool is left alone. */
  public void forceCloseAll() {
    resources.forceCloseAll(true);
  }

  /** @return the limit, 0 for none */
  public int limit() {
    return resources.limit();
  }

  /** @return producers on loan */
  public int inUse() {
    return resources.inUse();
  }

  /** @return producers waiting to be lent */
  public int free() {
    return resources.free();
  }

  /** @return whether the pool is closed */
  public boolean isClosed() {
    return resources.isClosed();
  }

  /** Same as {@link #forceCloseAll()}. A second call does nothing. */
  @Override
  public void close() {
    forceCloseAll();
  }

  @Override
  public String toString() {
    return "ProducerPool(" + resources + ", " + connections + ")";
  }
}
