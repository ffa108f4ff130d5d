package io.kombu.pools;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection pool group and a producer pool group sharing one limit (Kombu's {@code kombu.pools} module as an
 * object). {@link Pools} holds the process-wide instance; applications and frameworks that must not share global state
 * create their own, and close it when done.
 *
 * <pre>{@code
 * try (PoolGroups groups = new PoolGroups(100)) {
 *   groups.producers().get(conn).run(Duration.ofSeconds(5), p -> p.publish("hello"));
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 */
public final class PoolGroups implements AutoCloseable {
  /** Kombu's default limit for the pools of a group. */
  public static final int DEFAULT_LIMIT = 10;

  private static final Logger log = LoggerFactory.getLogger(PoolGroups.class);

  private final Object lock = new Object();
  private final ConnectionPoolGroup connections = new ConnectionPoolGroup(this);
  private final ProducerPoolGroup producers = new ProducerPoolGroup(this);
  private volatile int limit;

  /** Groups with Kombu's default limit of {@value #DEFAULT_LIMIT}. */
  public PoolGroups() {
    this(DEFAULT_LIMIT);
  }

  /** @param limit the limit of every pool the groups create, 0 for none */
  public PoolGroups(int limit) {
    this.limit = checkLimit(limit);
  }

  private static int checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("pool limit must be 0 (no limit) or more, not " + limit);
    }
    return limit;
  }

  /** @return the connection pools, keyed by connection identity */
  public ConnectionPoolGroup connections() {
    return connections;
  }

  /** @return the producer pools, keyed by connection identity */
  public ProducerPoolGroup producers() {
    return producers;
  }

  /** @return the limit of every pool (Kombu's {@code get_limit}) */
  public int getLimit() {
    return limit;
  }

  /**
   * Sets the limit and resizes every existing pool (Kombu's {@code set_limit}). Raise it early: shrinking fails while
   * pools have more resources in use than the new limit.
   *
   * @param newLimit the new limit, 0 for none
   * @throws IllegalStateException "Can't shrink pool when in use: was=A now=B" when a pool has more in use; nothing
   *     is changed then
   */
  public void setLimit(int newLimit) {
    setLimit(newLimit, false);
  }

  /**
   * @param newLimit the new limit, 0 for none
   * @param force close every resource of a pool that has more in use than the new limit, instead of failing
   */
  public void setLimit(int newLimit, boolean force) {
    checkLimit(newLimit);
    synchronized (lock) {
      if (newLimit == limit) {
        return;
      }
      if (!force && newLimit > 0) {
        for (ConnectionPool pool : connections.pools()) {
          checkShrink(pool.inUse(), newLimit);
        }
        for (ProducerPool pool : producers.pools()) {
          checkShrink(pool.inUse(), newLimit);
        }
      }
      int previous = limit;
      limit = newLimit;
      for (ConnectionPool pool : connections.pools()) {
        pool.resize(newLimit, force);
      }
      for (ProducerPool pool : producers.pools()) {
        pool.resize(newLimit, force);
      }
      log.debug("Pool limit changed from {} to {}", previous, newLimit);
    }
  }

  private void checkShrink(int inUse, int newLimit) {
    if (newLimit < inUse) {
      throw new IllegalStateException("Can't shrink pool when in use: was=" + limit + " now=" + newLimit + " (a pool"
          + " has " + inUse + " in use; release them first, or set the limit with force)");
    }
  }

  /**
   * Closes every pool and every resource in them, also those in use, and empties both groups (Kombu's {@code reset}).
   * The next {@code get} creates fresh pools. Loans still out fail with "Acquire on closed pool" when they acquire again
   * from their old pool, and returning them does nothing.
   */
  public void reset() {
    List<AutoCloseable> closing = new ArrayList<>();
    synchronized (lock) {
      closing.addAll(producers.pools());
      closing.addAll(connections.pools());
      producers.clear();
      connections.clear();
    }
    for (AutoCloseable pool : closing) {
      try {
        pool.close();
      } catch (Exception e) {
        log.debug("Ignoring error while closing {}: {}", pool, e.toString());
      }
    }
  }

  /** Same as {@link #reset()}. */
  @Override
  public void close() {
    reset();
  }

  Object lock() {
    return lock;
  }

  @Override
  public String toString() {
    return "PoolGroups(limit=" + limit + ", " + connections.size() + " connection pools, " + producers.size()
        + " producer pools)";
  }
}
