package io.kombu.transport.redis.internal;

import io.kombu.TransportOptions;
import io.kombu.core.virtual.BrokerState;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.VirtualTransport;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportCapabilities;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

/**
 * One Kombu connection to Redis: the virtual engine over a {@link RedisStore} per connection, sharing one Jedis pool.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class RedisTransport extends VirtualTransport {
  private static final Logger log = LoggerFactory.getLogger(RedisTransport.class);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final RedisSettings settings;
  private final TransportCapabilities capabilities;
  private @Nullable JedisPooled client;
  private boolean closed;

  /**
   * @param url broker URL
   * @param options transport options
   * @param clock time source
   * @param capabilities what it claims
   */
  public RedisTransport(BrokerUrl url, TransportOptions options, Clock clock, TransportCapabilities capabilities) {
    super(url, options, clock, new BrokerState());
    this.settings = RedisSettings.of(url, options);
    this.capabilities = capabilities;
  }

  @Override
  protected @Nullable Duration defaultPollingInterval() {
    // Redis blocks in BRPOP, so no sleep between polls (Kombu's Redis default).
    return null;
  }

  /** @return the settings */
  public RedisSettings settings() {
    return settings;
  }

  synchronized JedisPooled client() {
    if (closed) {
      throw new io.kombu.ConnectionException("the Redis transport for " + url() + " is closed; open a new connection");
    }
    if (client == null) {
      client = RedisClients.create(settings);
    }
    return client;
  }

  @Override
  protected MessageStore openStore() {
    RedisStore store = new RedisStore(this::client, settings, state(), clock(), url().toString(),
        Integer.toString(IDS.incrementAndGet()));
    // Kombu PINGs on channel creation, so a wrong address or password fails at connect time.
    Duration rtt = store.ping();
    log.debug("connected to Redis at {} (PING {} us)", url(), rtt.toNanos() / 1000);
    return store;
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public void close() {
    super.close();
    JedisPooled c;
    synchronized (this) {
      closed = true;
      c = client;
      client = null;
    }
    if (c != null) {
      c.close();
    }
  }
}
