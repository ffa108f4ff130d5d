package io.kombu.transport.redis.internal;

import io.kombu.ConnectionException;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisSocketFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Opens each pooled connection to the master a Sentinel names, asking the sentinel again every time as redis-py's
 * {@code SentinelConnectionPool} does, so a failover is followed by the next new connection. The master is chosen by
 * redis-py's {@code Sentinel.discover_master}: the {@code SENTINEL MASTERS} entry named {@code master_name} must be
 * flagged {@code master}, not {@code s_down} or {@code o_down}, and see at least {@code min_other_sentinels} other
 * sentinels; otherwise the connection fails with "No master found for 'name'". One {@code sentinel://} URL names one
 * sentinel: the next sentinel is the next failover alternate, tried by core.
 *
 * <p>Thread-safety: immutable; thread-safe (the pool may open connections from several threads).
 */
final class SentinelMasterSocketFactory implements JedisSocketFactory {
  private static final Logger log = LoggerFactory.getLogger(SentinelMasterSocketFactory.class);

  private final String masterName;
  private final HostAndPort sentinel;
  private final JedisClientConfig sentinelConfig;
  private final int minOtherSentinels;
  private final JedisClientConfig masterConfig;

  SentinelMasterSocketFactory(String masterName, HostAndPort sentinel, JedisClientConfig sentinelConfig,
      int minOtherSentinels, JedisClientConfig masterConfig) {
    this.masterName = masterName;
    this.sentinel = sentinel;
    this.sentinelConfig = sentinelConfig;
    this.minOtherSentinels = minOtherSentinels;
    this.masterConfig = masterConfig;
  }

  @Override
  public Socket createSocket() {
    return new DefaultJedisSocketFactory(discoverMaster(), masterConfig).createSocket();
  }

  /** @return the master's address @throws JedisConnectionException when the sentinel cannot be asked or names none */
  HostAndPort discoverMaster() {
    List<Map<String, String>> masters;
    try (Jedis j = new Jedis(sentinel, sentinelConfig)) {
      masters = j.sentinelMasters();
    } catch (JedisException e) {
      throw notFound("the sentinel could not be asked (" + e.getMessage() + ")", e);
    }
    for (Map<String, String> state : masters) {
      if (masterName.equals(state.get("name"))) {
        String refusal = refusal(state);
        if (refusal != null) {
          throw notFound(refusal, null);
        }
        HostAndPort master = new HostAndPort(state.get("ip"), Integer.parseInt(state.get("port")));
        log.debug("Sentinel at {} names {} as master {}", sentinel, master, masterName);
        return master;
      }
    }
    throw notFound("the sentinel does not monitor a master of that name", null);
  }

  /** redis-py's {@code check_master_state}, with the reason it failed; null when the master qualifies. */
  private @Nullable String refusal(Map<String, String> state) {
    List<String> flags = Arrays.asList(String.valueOf(state.get("flags")).split(","));
    if (!flags.contains("master") || flags.contains("s_down") || flags.contains("o_down")) {
      return "the sentinel reports it with flags " + state.get("flags") + " (it must be a master, not s_down or "
          + "o_down)";
    }
    int others = Integer.parseInt(String.valueOf(state.getOrDefault("num-other-sentinels", "0")));
    if (others < minOtherSentinels) {
      return "the sentinel sees " + others + " other sentinel(s), fewer than min_other_sentinels=" + minOtherSentinels;
    }
    return null;
  }

  /**
   * Jedis passes only its own exceptions through the pool, so the clear message travels as the cause, a Kombu {@link
   * ConnectionException} that {@link RedisErrors} unwraps (redis-py's MasterNotFoundError is a ConnectionError too).
   */
  private JedisConnectionException notFound(String why, @Nullable Throwable cause) {
    String message = "No master found for '" + masterName + "' at Redis Sentinel " + sentinel + ": " + why
        + "; check master_name, min_other_sentinels and the sentinel's SENTINEL MASTERS";
    return new JedisConnectionException(message, new ConnectionException(message, cause));
  }
}
