/**
 * Pools that let many threads share Kombu's single-threaded connections, channels and producers (Kombu's {@code
 * kombu.pools} and {@code Connection.Pool}/{@code ChannelPool}).
 *
 * <p>{@link io.kombu.pools.ConnectionPool}, {@link io.kombu.pools.ChannelPool} and {@link io.kombu.pools.ProducerPool}
 * create resources lazily up to a limit, hand out the most recently released one first, and either fail at once or wait
 * with a timeout when all are in use. {@link io.kombu.pools.Pools} holds Kombu's process-wide pool groups, keyed by
 * connection identity; {@link io.kombu.pools.PoolGroups} is the same thing as an object, for applications and frameworks
 * that must not use globals.
 *
 * <pre>{@code
 * try (PooledProducer producer = Pools.producers().get(conn).acquire(Duration.ofSeconds(5))) {
 *   producer.publish(Map.of("id", 42), PublishOptions.routingKey("orders.created"));
 * }
 * }</pre>
 */
@NullMarked
package io.kombu.pools;

import org.jspecify.annotations.NullMarked;
