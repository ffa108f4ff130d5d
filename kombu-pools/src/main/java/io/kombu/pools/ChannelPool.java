package io.kombu.pools;

import io.kombu.Channel;
import io.kombu.ChannelLimitExceededException;
import io.kombu.Connection;
import io.kombu.pools.internal.ResourcePool;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

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
 * <p>Thread-safety: thread-safe; channels are opened one at a time, since the connection is not thread-safe. The channels
 * it hands out are not: each loan belongs to one thread until returned. Whether several threads may use different
 * channels of one connection at once depends on the transport (AMQP: yes); share connections across threads with a
 * {@link ConnectionPool} when in doubt.
 */
public final class ChannelPool implements AutoCloseable {
  private final Connection connection;
  private final Object opening = new Object();
  private final ResourcePool<Channel> resources;

  /**
   * @param connection the connection to open channels on; the caller still owns it
   * @param limit the most channels at once, 0 for no limit (each loan then gets a new channel, closed on release)
   */
  public ChannelPool(Connection connection, int limit) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.resources = new ResourcePool<>("channel", limit, new ResourcePool.Lifecycle<>() {
      @Override
      public Channel create() {
        synchronized (opening) {
          return connection.channel();
        }
      }

      @Override
      public boolean isReusable(Channel resource) {
        return resource.isOpen();
      }

      @Override
      public void close(Channel resource) {
        resource.close();
      }
    }, ChannelLimitExceededException::new);
  }

  /**
   * Takes a channel without waiting.
   *
   * @return a channel on loan; return it with {@code close()}
   * @throws ChannelLimitExceededException when all {@link #limit()} channels are in use
   * @throws IllegalStateException "Acquire on closed pool" once the pool was closed
   */
  public PooledChannel acquire() {
    return new PooledChannel(this, resources.acquire(null));
  }

  /**
   * Takes a channel, waiting up to the timeout for one to be returned.
   *
   * @param timeout how long to wait when all are in use
   * @return a channel on loan
   * @throws ChannelLimitExceededException when none was returned in time
   */
  public PooledChannel acquire(Duration timeout) {
    return new PooledChannel(this, resources.acquire(Objects.requireNonNull(timeout, "timeout")));
  }

  /**
   * Runs work on a channel and returns it; when the work throws, the channel is closed and replaced, and the error
   * propagates.
   *
   * @param timeout how long to wait for a free channel
   * @param work what to do with it; must not keep the channel
   * @param <T> the result type
   * @return what the work returned
   */
  public <T> T use(Duration timeout, Function<? super PooledChannel, T> work) {
    Objects.requireNonNull(work, "work");
    PooledChannel channel = acquire(timeout);
    T result;
    try {
      result = work.apply(channel);
    } catch (RuntimeException | Error e) {
      replace(channel);
      throw e;
    }
    channel.close();
    return result;
  }

  /**
   * Like {@link #use} for work without a result.
   *
   * @param timeout how long to wait for a free channel
   * @param work what to do with it
   */
  public void run(Duration timeout, Consumer<? super PooledChannel> work) {
    Objects.requireNonNull(work, "work");
    use(timeout, channel -> {
      work.accept(channel);
      return null;
    });
  }

  /** @param channel a channel from this pool; returning it twice does nothing */
  public void release(Channel channel) {
    PooledChannel.requireFrom(this, channel).close();
  }

  /** @param channel a broken channel from this pool: it is closed and its slot freed */
  public void replace(Channel channel) {
    PooledChannel pooled = PooledChannel.requireFrom(this, channel);
    if (pooled.endLoan()) {
      resources.replace(pooled.delegate());
    }
  }

  void giveBack(PooledChannel pooled) {
    resources.release(pooled.delegate());
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
   * @param force when shrinking below the number in use, close every channel instead of failing
   */
  public void resize(int limit, boolean force) {
    resources.resize(limit, force);
  }

  /** Closes every channel, also those on loan, and the pool. The connection stays open. */
  public void forceCloseAll() {
    resources.forceCloseAll(true);
  }

  /** @return the limit, 0 for none */
  public int limit() {
    return resources.limit();
  }

  /** @return channels on loan */
  public int inUse() {
    return resources.inUse();
  }

  /** @return open channels waiting to be lent */
  public int free() {
    return resources.free();
  }

  /** @return whether the pool is closed */
  public boolean isClosed() {
    return resources.isClosed();
  }

  /** Closes every channel and the pool; the connection stays open. A second call does nothing. */
  @Override
  public void close() {
    forceCloseAll();
  }

  @Override
  public String toString() {
    return "ChannelPool(" + connection.asUri() + ", " + resources + ")";
  }
}
