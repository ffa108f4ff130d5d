package io.kombu.pools;

import io.kombu.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Producer pools keyed by connection identity (Kombu's {@code kombu.pools.producers}): {@link #get} returns the same
 * {@link ProducerPool} for every connection with the same parameters. Its producers borrow connections from the sibling
 * {@link ConnectionPoolGroup}'s pool for those parameters.
 *
 * <pre>{@code
 * try (PooledProducer producer = Pools.producers().get(conn).acquire(Duration.ofSeconds(5))) {
 *   producer.publish(article, PublishOptions.builder().exchange(news).routingKey("domestic").build());
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 */
public final class ProducerPoolGroup {
  private final PoolGroups owner;
  private final Map<ConnectionKey, ProducerPool> pools = new ConcurrentHashMap<>();

  ProducerPoolGroup(PoolGroups owner) {
    this.owner = owner;
  }

  /**
   * @param connection any connection to the broker; only its parameters are used
   * @return the producer pool for connections with these parameters
   */
  public ProducerPool get(Connection connection) {
    ConnectionKey key = ConnectionKey.of(connection);
    ProducerPool pool = pools.get(key);
    if (pool != null) {
      return pool;
    }
    synchronized (owner.lock()) {
      ConnectionPool connections = owner.connections().get(connection);
      return pools.computeIfAbsent(key, k -> new ProducerPool(connections, owner.getLimit()));
    }
  }

  /** @return how many pools the group holds */
  public int size() {
    return pools.size();
  }

  List<ProducerPool> pools() {
    return new ArrayList<>(pools.values());
  }

  void clear() {
    pools.clear();
  }

  @Override
  public String toString() {
    return "ProducerPoolGroup(" + pools.size() + " pools, limit " + owner.getLimit() + ")";
  }
}
