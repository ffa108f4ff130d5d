package io.kombu.pools;

import io.kombu.Connection;
import io.kombu.ConnectionLimitExceededException;
import io.kombu.pools.internal.ResourcePool;
import java.time.Duration;
import java.util.Objects;
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
 * <p>{@code acquire} throws {@link ConnectionLimitExceededException} when all {@link #limit()} connections are in use (at
 * once, or after its timeout). {@code use} closes and replaces a connection whose work threw. Closing the pool ({@code
 * close()}, {@code forceCloseAll()}) closes every connection, also those on loan.
 *
 * <p>Thread-safety: thread-safe. The connections it hands out are not: each loan belongs to one thread until returned.
 */
public final class ConnectionPool extends LendingPool<Connection, PooledConnection> {
  private final Connection template;

  /**
   * @param template the connection to clone; it is not used itself, and the caller still owns it
   * @param limit the most connections at once, 0 for no limit (each loan then gets a new connection, closed on release)
   */
  public ConnectionPool(Connection template, int limit) {
    super("connection", PooledConnection.class, limit, cloner(Objects.requireNonNull(template, "template")),
        ConnectionLimitExceededException::new);
    this.template = template;
  }

  private static ResourcePool.Lifecycle<Connection> cloner(Connection template) {
    return new ResourcePool.Lifecycle<>() {
      @Override
      public Connection create() {
        return template.clone();
      }

      @Override
      public void close(Connection resource) {
        resource.close();
      }
    };
  }

  @Override
  PooledConnection lend(@Nullable Duration timeout) {
    return new PooledConnection(this, resources.acquire(timeout));
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
      replaceLoan(conn);
      throw e;
    }
  }

  /**
   * Returns a connection (same as its {@code release()}).
   *
   * @param connection a connection from this pool; returning it twice does nothing
   */
  public void release(Connection connection) {
    returnLoan(requireLoan(connection));
  }

  /**
   * Closes a broken connection and frees its slot, so that the next acquire makes a fresh one.
   *
   * @param connection a connection from this pool
   */
  public void replace(Connection connection) {
    replaceLoan(requireLoan(connection));
  }

  /** @return the template the pool clones (the caller's connection, never lent out) */
  public Connection template() {
    return template;
  }

  @Override
  public String toString() {
    return "ConnectionPool(" + template.asUri() + ", " + resources + ")";
  }
}
