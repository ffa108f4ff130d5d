package io.kombu.transport.redis;

import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import io.kombu.transport.redis.internal.RedisTransport;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The Redis transport (Kombu's {@code redis}): {@code redis://[user][:password]@host[:port][/db]}, {@code rediss://}
 * (TLS) and {@code sentinel://host:26379} (with the {@code master_name} option), wire-compatible with Python Kombu and
 * Celery workers on the same Redis database: the same list, set, hash and pub/sub keys and the same envelope JSON.
 *
 * <p>Routes direct, topic, fanout (pub/sub) and headers exchanges; priorities 0–9 in Kombu's buckets, where <b>lower
 * numbers are served first</b>; acknowledgements emulated with Kombu's {@code unacked} hash and visibility timeout. See
 * the module README for options, key layout and the improvements over Kombu.
 *
 * <p>Thread-safety: thread-safe. Construction is cheap and touches no Jedis class.
 */
public final class RedisTransportProvider implements TransportProvider {
  private static final TransportCapabilities CAPABILITIES = TransportCapabilities.builder()
      .exchangeTypes(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT, ExchangeType.HEADERS)
      .priority(true)
      .persistent(true)
      .build();

  /** Used by ServiceLoader; cheap. */
  public RedisTransportProvider() {}

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("redis", "rediss", "sentinel");
  }

  @Override
  public TransportCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public BrokerUrl applyDefaults(BrokerUrl url) {
    Objects.requireNonNull(url, "url");
    BrokerUrl.Builder b = url.toBuilder();
    if (url.hostname() == null) {
      b.hostname("localhost");
    }
    if (url.port() == null && !(url.hostname() != null && url.hostname().startsWith("socket:"))) {
      b.port("sentinel".equalsIgnoreCase(url.transport()) ? 26379 : 6379);
    }
    return b.build();
  }

  @Override
  public Transport create(BrokerUrl url, TransportOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    return new RedisTransport(url, options, Clock.systemUTC(), CAPABILITIES);
  }

  @Override
  public String toString() {
    return "RedisTransportProvider";
  }
}
