package io.kombu.pools;

import io.kombu.Channel;
import io.kombu.ChannelLimitExceededException;
import io.kombu.Connection;
import io.kombu.pools.internal.ResourcePool;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pool of channels on one connection (Kombu's {@code ChannelPool}): opened lazily up to a limit, handed out
 * most-recently-released first. A channel found closed (e.g. the broker closed it after an error) is dropped and a new one
 * opened in its place.
 *
 * <pre>{@code
 * try (ChannelPool channels = new ChannelPool(conn, 4);
 *      PooledChannel channel = channels.acquire(Duration.ofSeconds(1))) {
 *   channel.declare(queue);
 * }
 * }</pre>
 *
 * <p>{@code acquire} throws {@link ChannelLimitExceededException} when all {@link #limit()} channels are in use (at once,
 * or after its timeout). {@code use} closes and replaces a channel whose work threw. Closing the pool ({@code close()},
 * {@code forceCloseAll()}) closes every channel, also those on loan; the connection stays open.
 *
 * <p>Thread-safety: thread-safe; channels are opened one at a time, since the connection is not thread-safe. The channels
 * it hands out are not: each loan belongs to one thread until returned. Whether several threads may use different
 * channels of one connection at once depends on the transport (AMQP: yes); share connections across threads with a
 * {@link ConnectionPool} when in doubt.
 */
public final class ChannelPool extends LendingPool<Channel, PooledChannel> {
  private final Connection connection;

  /**
   * @param connection the connection to open channels on; the caller still owns it
   * @param limit the most channels at once, 0 for no limit (each loan then gets a new channel, closed on release)
   */
  public ChannelPool(Connection connection, int limit) {
    super("channel", PooledChannel.class, limit, opener(Objects.requireNonNull(connection, "connection")),
        ChannelLimitExceededException::new);
    this.connection = connection;
  }

  private static ResourcePool.Lifecycle<Channel> opener(Connection connection) {
    return new ResourcePool.Lifecycle<>() {
      @Override
      public synchronized Channel create() { // one at a time: the connection is not thread-safe
        return connection.channel();
      }

      @Override
      public boolean isReusable(Channel resource) {
        return resource.isOpen();
      }

      @Override
      public void close(Channel resource) {
        resource.close();
      }
    };
  }

  @Override
  PooledChannel lend(@Nullable Duration timeout) {
    return new PooledChannel(this, resources.acquire(timeout));
  }

  /** @param channel a channel from this pool; returning it twice does nothing */
  public void release(Channel channel) {
    returnLoan(requireLoan(channel));
  }

  /** @param channel a broken channel from this pool: it is closed and its slot freed */
  public void replace(Channel channel) {
    replaceLoan(requireLoan(channel));
  }

  @Override
  public String toString() {
    return "ChannelPool(" + connection.asUri() + ", " + resources + ")";
  }
}
