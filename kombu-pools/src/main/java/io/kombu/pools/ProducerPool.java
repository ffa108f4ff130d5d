package io.kombu.pools;

import io.kombu.LimitExceededException;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.pools.internal.ResourcePool;
import java.time.Duration;
import java.util.Objects;
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
 * <p>{@code acquire} throws {@link LimitExceededException} when all {@link #limit()} producers are in use, or {@link
 * io.kombu.ConnectionLimitExceededException} when a producer is free but no connection is (at once, or after its timeout,
 * which covers both waits); {@code IllegalStateException} "Acquire on closed pool" once this pool or its connection pool
 * was closed. {@code use} closes and replaces a producer whose work threw, together with its connection. Closing the pool
 * ({@code close()}, {@code forceCloseAll()}) drops every producer, also those on loan; the connection pool is left alone.
 *
 * <p>Thread-safety: thread-safe. The producers it hands out are not: each loan belongs to one thread until returned.
 */
public final class ProducerPool extends LendingPool<ProducerSlot, PooledProducer> {
  private final ConnectionPool connections;
  private final ProducerOptions options;

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
    super("producer", PooledProducer.class, limit, slots(Objects.requireNonNull(options, "options")),
        LimitExceededException::new);
    this.connections = Objects.requireNonNull(connections, "connections");
    this.options = options;
  }

  private static ResourcePool.Lifecycle<ProducerSlot> slots(ProducerOptions options) {
    return new ResourcePool.Lifecycle<>() {
      @Override
      public ProducerSlot create() {
        return new ProducerSlot(options);
      }

      @Override
      public void close(ProducerSlot resource) {
        resource.close();
      }
    };
  }

  /** Takes a producer, then a connection within what is left of the timeout. */
  @Override
  PooledProducer lend(@Nullable Duration timeout) {
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

  /** @param producer a producer from this pool: it and its connection are returned; a second call does nothing */
  public void release(Producer producer) {
    returnLoan(requireLoan(producer));
  }

  /** @param producer a broken producer from this pool: it and its connection are closed and their slots freed */
  public void replace(Producer producer) {
    replaceLoan(requireLoan(producer));
  }

  @Override
  void giveBack(PooledProducer producer) {
    try {
      connections.returnLoan(producer.loanedConnection());
    } finally {
      super.giveBack(producer);
    }
  }

  @Override
  void discard(PooledProducer producer) {
    connections.replaceLoan(producer.loanedConnection());
    super.discard(producer);
  }

  /** @return the connection pool producers borrow from */
  public ConnectionPool connections() {
    return connections;
  }

  /** @return every producer's defaults */
  public ProducerOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "ProducerPool(" + resources + ", " + connections + ")";
  }
}
