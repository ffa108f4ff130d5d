package io.kombu.pools;

/**
 * Kombu's process-wide pool groups ({@code kombu.pools.connections} and {@code kombu.pools.producers}): connections with
 * the same parameters share one pool, whoever created them. The default limit is {@value PoolGroups#DEFAULT_LIMIT} per
 * pool. Libraries and frameworks that must not touch global state use their own {@link PoolGroups} instead.
 *
 * <pre>{@code
 * Connection conn = Kombu.connect("amqp://guest:guest@localhost:5672//");
 * try (PooledProducer producer = Pools.producers().get(conn).acquire(Duration.ofSeconds(5))) {
 *   producer.maybeDeclare(news);
 *   producer.publish(article, PublishOptions.builder().exchange(news).routingKey("domestic").compression("zlib").build());
 * }
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Pools {
  private static final PoolGroups GLOBAL = new PoolGroups(PoolGroups.DEFAULT_LIMIT);

  private Pools() {}

  /** @return the global groups */
  public static PoolGroups global() {
    return GLOBAL;
  }

  /** @return the global connection pools */
  public static ConnectionPoolGroup connections() {
    return GLOBAL.connections();
  }

  /** @return the global producer pools */
  public static ProducerPoolGroup producers() {
    return GLOBAL.producers();
  }

  /** @return the global limit (Kombu's {@code get_limit}, default {@value PoolGroups#DEFAULT_LIMIT}) */
  public static int getLimit() {
    return GLOBAL.getLimit();
  }

  /**
   * Sets the global limit and resizes every global pool (Kombu's {@code set_limit}).
   *
   * @param limit the new limit, 0 for none
   * @throws IllegalStateException "Can't shrink pool when in use: was=A now=B" when a pool has more in use
   */
  public static void setLimit(int limit) {
    GLOBAL.setLimit(limit);
  }

  /** Closes every global pool and its resources, also those in use, and empties the groups (Kombu's {@code reset}). */
  public static void reset() {
    GLOBAL.reset();
  }
}
