package io.kombu.pools;

import io.kombu.Connection;
import io.kombu.ConnectionLimitExceededException;
import io.kombu.pools.internal.ResourcePool;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A pool of connections to one broker (Kombu's {@code ConnectionPool}): clones of a template connection, created lazily up
 * to a limit and handed out most-recently-released first. A pooled connection stays open between loans, so its
 * declaration cache (Kombu's {@code maybe_declare}) survives.
 *
 * <pre>{@code
 * try (ConnectionPool pool = new ConnectionPool(Kombu.connect("redis://localhost:6379/0"), 8)) {
 *   try (PooledConnection conn = pool.acquire(Duration.ofSeconds(5))) {   // returned to the pool on exit
 *     conn.producer().publish(Map.of("hello", "world"), PublishOptions.routingKey("tasks"));
 *   }
 *   // or, replacing the connection instead when the work throws:
 *   pool.run(Duration.ofSeconds(5), conn -> conn.producer().publish("hi", PublishOptions.routingKey("tasks")));
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe. The connections it hands out are not: each loan belongs to one thread until returned.
 */
public final class ConnectionPool implements AutoCloseable {
  private final Connection template;
  private final ResourcePool<Connection> resources;

  /**
   * @param template the connection to clone; it is not used itself, and the caller still owns it
   * @param limit the most connections at once, 0 for no limit (each loan then gets a new connection, closed on release)
   */
  public ConnectionPool(Connection template, int limit) {
    this.template = Objects.requireNonNull(template, "template");
    this.resources = new ResourcePool<>("connection", limit, new ResourcePool.Lifecycle<>() {
      @Override
      public Connection create() {
        return template.clone();
      }

      @Override
      public void close(Connection resource) {
        resource.close();
      }
    }, ConnectionLimitExceededException::new);
  }

  /**
   * Takes a connection without waiting (Kombu's {@code acquire(block=False)}).
   *
   * @return a connection on loan; return it with {@code close()} or {@code release()}
   * @throws ConnectionLimitExceededException when all {@link #limit()} connections are in use
   * @throws IllegalStateException "Acquire on closed pool" once the pool was closed
   */
  public PooledConnection acquire() {
    return new PooledConnection(this, resources.acquire(null));
  }

  /**
   * Takes a connection, waiting up to the timeout for one to be returned (Kombu's {@code acquire(block=True, timeout)}).
   *
   * @param timeout how long to wait when all are in use
   * @return a connection on loan
   * @throws ConnectionLimitExceededException when none was returned in time
   * @throws IllegalStateException "Acquire on closed pool" once the pool was closed
   */
  public PooledConnection acquire(Duration timeout) {
    return new PooledConnection(this, resources.acquire(Objects.requireNonNull(timeout, "timeout")));
  }

  /**
   * Takes a connection and makes sure its default channel is open (Kombu's {@code acquire_channel}).
   *
   * @param timeout how long to wait for a free connection
   * @return a connected connection on loan; its {@link Connection#defaultChannel()} is ready
   */
  public PooledConnection acquireChannel(Duration timeout) {
    PooledConnection conn = acquire(timeout);
    try {
      conn.defaultChannel();
      return conn;
    } catch (RuntimeException | Error e) {
      replace(conn);
      throw e;
    }
  }

  /**
   * Runs work on a connection and returns it; when the work throws, the connection is closed and replaced instead of
   * reused, and the error propagates.
   *
   * @param timeout how long to wait for a free connection
   * @param work what to do with it; must not keep the connection
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T use(Duration timeout, Function<? super PooledConnection, T> work) {
    Objects.requireNonNull(work, "work");
    PooledConnection conn = acquire(timeout);
    T result;
    try {
      result = work.apply(conn);
    } catch (RuntimeException | Error e) {
      replace(conn);
      throw e;
    }
    conn.release();
    return result;
  }

  /**
   * Like {@link #use} for work without a result.
   *
   * @param timeout how long to wait for a free connection
   * @param work what to do with it; must not keep the connection
   */
  public void run(Duration timeout, Consumer<? super PooledConnection> work) {
    Objects.requireNonNull(work, "work");
    use(timeout, conn -> {
      work.accept(conn);
      return null;
    });
  }

  /**
   * Returns a connection (same as its {@code release()}).
   *
   * @param connection a connection from this pool; returning it twice does nothing
   */
  public void release(Connection connection) {
    PooledConnection.requireFrom(this, connection).release();
  }

  /**
   * Closes a broken connection and frees its slot, so that the next acquire makes a fresh one.
   *
   * @param connection a connection from this pool
   */
  public void replace(Connection connection) {
    PooledConnection pooled = PooledConnection.requireFrom(this, connection);
    if (pooled.endLoan()) {
      resources.replace(pooled.delegate());
    }
  }

  void giveBack(PooledConnection pooled) {
    resources.release(pooled.delegate());
  }

  /**
   * Changes the limit (Kombu's {@code resize}).
   *
   * @param limit the new limit, 0 for none
   * @throws IllegalStateException "Can't shrink pool when in use: was=A now=B" when fewer than are in use
   */
  public void resize(int limit) {
    resources.resize(limit, false);
  }

  /**
   * @param limit the new limit, 0 for none
   * @param force when shrinking below the number in use, close every connection (also those in use) instead of failing
   */
  public void resize(int limit, boolean force) {
    resources.resize(limit, force);
  }

  /** Closes every connection, also those on loan, and closes the pool (Kombu's {@code force_close_all}). */
  public void forceCloseAll() {
    resources.forceCloseAll(true);
  }

  /** @return the limit, 0 for none */
  public int limit() {
    return resources.limit();
  }

  /** @return connections on loan */
  public int inUse() {
    return resources.inUse();
  }

  /** @return open connections waiting to be lent */
  public int free() {
    return resources.free();
  }

  /** @return whether the pool is closed */
  public boolean isClosed() {
    return resources.isClosed();
  }

  /** @return the template the pool clones (the caller's connection, never lent out) */
  public Connection template() {
    return template;
  }

  /** Closes every connection, also those on loan, and the pool. A second call does nothing. */
  @Override
  public void close() {
    forceCloseAll();
  }

  @Override
  public String toString() {
    return "ConnectionPool(" + template.asUri() + ", " + resources + ")";
  }

  /** @param timeout null for no wait @return a connection on loan */
  PooledConnection lend(@Nullable Duration timeout) {
    return new PooledConnection(this, resources.acquire(timeout));
  }
}
