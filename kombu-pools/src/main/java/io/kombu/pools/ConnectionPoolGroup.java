package io.kombu.pools;

import io.kombu.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connection pools keyed by connection identity (Kombu's {@code kombu.pools.connections}): {@link #get} returns the same
 * {@link ConnectionPool} for every connection with the same transport, hostname, userid, password, virtual host, port and
 * transport options, creating it on first use with the group's limit.
 *
 * <pre>{@code
 * try (PooledConnection conn = Pools.connections().get(Kombu.connect("redis://localhost:6379/0"))
 *     .acquire(Duration.ofSeconds(5))) {
 *   conn.producer().publish("hello", PublishOptions.routingKey("tasks"));
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 */
public final class ConnectionPoolGroup {
  private final PoolGroups owner;
  private final Map<ConnectionKey, ConnectionPool> pools = new ConcurrentHashMap<>();

  ConnectionPoolGroup(PoolGroups owner) {
    this.owner = owner;
  }

  /**
   * @param connection any connection to the broker; only its parameters are used (the pool clones it)
   * @return the pool for connections with these parameters
   */
  public ConnectionPool get(Connection connection) {
    ConnectionKey key = ConnectionKey.of(connection);
    ConnectionPool pool = pools.get(key);
    if (pool != null) {
      return pool;
    }
    synchronized (owner.lock()) {
      // A clone, so that the pool never depends on the caller's connection (which may be closed, or be a loan).
      return pools.computeIfAbsent(key, k -> new ConnectionPool(connection.clone(), owner.getLimit()));
    }
  }

  /** @return how many pools the group holds */
  public int size() {
    return pools.size();
  }

  List<ConnectionPool> pools() {
    return new ArrayList<>(pools.values());
  }

  void clear() {
    pools.clear();
  }

  @Override
  public String toString() {
    return "ConnectionPoolGroup(" + pools.size() + " pools, limit " + owner.getLimit() + ")";
  }
}
