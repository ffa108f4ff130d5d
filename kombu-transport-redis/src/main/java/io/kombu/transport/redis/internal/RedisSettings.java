package io.kombu.transport.redis.internal;

import io.kombu.ConfigurationException;
import io.kombu.CredentialProvider;
import io.kombu.InvalidUrlException;
import io.kombu.TransportOptions;
import io.kombu.core.CredentialProviders;
import io.kombu.spi.BrokerUrl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the Redis transport reads from the URL and the transport options, with Kombu's defaults (spec §1 and §9).
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class RedisSettings {
  /** Kombu's separator between queue name and priority step, and between binding member fields. */
  public static final String DEFAULT_SEP = "\u0006\u0016";
  /** Kombu's default priority steps. */
  public static final List<Integer> DEFAULT_PRIORITY_STEPS = List.of(0, 3, 6, 9);
  /** Default Redis port. */
  public static final int DEFAULT_PORT = 6379;
  /** Default Sentinel port. */
  public static final int DEFAULT_SENTINEL_PORT = 26379;
  /** Kombu's default {@code visibility_timeout}. */
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofHours(1);
  /** The {@code sentinel_kwargs} keys this transport understands (redis-py takes any Redis connection argument). */
  public static final List<String> SENTINEL_KWARGS =
      List.of("username", "password", "credential_provider", "socket_timeout", "socket_connect_timeout");
  /** Kombu's default BRPOP timeout. */
  public static final Duration DEFAULT_BRPOP_TIMEOUT = Duration.ofSeconds(1);

  private final String host;
  private final int port;
  private final int db;
  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable CredentialProvider credentialProvider;
  private final boolean ssl;
  private final Map<String, String> sslOptions;
  private final boolean sentinel;
  private final @Nullable String masterName;
  private final int minOtherSentinels;
  private final @Nullable Map<String, Object> sentinelKwargs;
  private final String sep;
  private final boolean ackEmulation;
  private final String unackedKey;
  private final String unackedIndexKey;
  private final String unackedMutexKey;
  private final Duration unackedMutexExpire;
  private final Duration visibilityTimeout;
  private final @Nullable Integer unackedRestoreLimit;
  private final int unackedRestoreThrottle;
  private final String fanoutPrefix;
  private final boolean fanoutPatterns;
  private final String keyPrefix;
  private final String queueOrderStrategy;
  private final List<Integer> prioritySteps;
  private final Duration brpopTimeout;
  private final int maxConnections;
  private final Duration socketTimeout;
  private final Duration socketConnectTimeout;
  private final @Nullable String clientName;
  private final Duration healthCheckInterval;
  private final boolean leaseRenewal;
  private final boolean atomicWait;

  private RedisSettings(BrokerUrl url, TransportOptions o) {
    String transport = url.transport().toLowerCase(Locale.ROOT);
    String hostname = url.hostname();
    if ("redis".equals(url.uriPrefix()) && hostname != null && hostname.startsWith("socket:")) {
      throw new ConfigurationException("redis+socket:// URLs (Unix domain sockets) are not supported: the Jedis driver "
          + "connects through java.net.Socket, which cannot open a Unix socket; make Redis listen on TCP and use "
          + "redis://127.0.0.1:6379/<db>");
    }
    this.sentinel = transport.equals("sentinel");
    this.host = hostname == null || hostname.isEmpty() ? "localhost" : hostname;
    this.port = url.port() != null ? url.port() : (sentinel ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT);
    this.db = parseDb(url.virtualHost());
    this.username = url.userid();
    this.password = url.password();
    this.credentialProvider = CredentialProviders.resolve(url, o);
    this.sslOptions = url.sslOptions();
    this.ssl = url.ssl() || transport.equals("rediss");
    this.masterName = o.getString("master_name").orElse(null);
    if (sentinel && (masterName == null || masterName.isEmpty())) {
      throw new ConfigurationException("'master_name' transport option must be specified. (sentinel:// URLs need "
          + "the name of the monitored master, e.g. TransportOptions.of(Map.of(\"master_name\", \"mymaster\")))");
    }
    this.minOtherSentinels = o.getInt("min_other_sentinels", 0);
    if (minOtherSentinels < 0) {
      throw new ConfigurationException("transport option min_other_sentinels must be 0 or more, was "
          + minOtherSentinels);
    }
    this.sentinelKwargs = sentinelKwargs(o.get("sentinel_kwargs"));
    this.sep = o.getString("sep", DEFAULT_SEP);
    this.ackEmulation = o.getBoolean("ack_emulation", true);
    this.unackedKey = o.getString("unacked_key", "unacked");
    this.unackedIndexKey = o.getString("unacked_index_key", "unacked_index");
    this.unackedMutexKey = o.getString("unacked_mutex_key", "unacked_mutex");
    this.unackedMutexExpire = positive(o, "unacked_mutex_expire", Duration.ofSeconds(300));
    this.visibilityTimeout = positive(o, "visibility_timeout", DEFAULT_VISIBILITY_TIMEOUT);
    Object limit = o.get("unacked_restore_limit");
    this.unackedRestoreLimit = limit == null ? null : o.getInt("unacked_restore_limit", 0);
    int throttle = o.getInt("unacked_restore_throttle", 10);
    this.unackedRestoreThrottle = Math.max(throttle, 0);
    this.keyPrefix = o.getString("global_keyprefix", "");
    this.fanoutPatterns = o.getBoolean("fanout_patterns", true);
    this.fanoutPrefix = fanoutPrefix(o.get("fanout_prefix"), db);
    this.queueOrderStrategy = o.getString("queue_order_strategy", "round_robin");
    if (!List.of("round_robin", "priority", "sorted").contains(queueOrderStrategy)) {
      throw new ConfigurationException("transport option queue_order_strategy must be round_robin, priority or "
          + "sorted, was: " + queueOrderStrategy);
    }
    this.prioritySteps = prioritySteps(o.get("priority_steps"));
    Duration polling = o.getDuration("polling_interval", null);
    this.brpopTimeout = polling != null ? polling : DEFAULT_BRPOP_TIMEOUT;
    this.maxConnections = o.getInt("max_connections", 10);
    if (maxConnections < 1) {
      throw new ConfigurationException("transport option max_connections must be at least 1, was " + maxConnections);
    }
    Duration connectTimeout = url.connectTimeout();
    this.socketConnectTimeout = positive(o, "socket_connect_timeout", connectTimeout);
    this.socketTimeout = positive(o, "socket_timeout", Duration.ofSeconds(5));
    this.clientName = o.getString("client_name").orElse(null);
    this.healthCheckInterval = positive(o, "health_check_interval", Duration.ofSeconds(25));
    this.leaseRenewal = o.getBoolean("lease_renewal", true);
    this.atomicWait = o.getBoolean("atomic_wait", true);
  }

  /**
   * @param url the broker URL
   * @param options transport options
   * @return the settings
   * @throws ConfigurationException when a value is invalid
   */
  public static RedisSettings of(BrokerUrl url, TransportOptions options) {
    return new RedisSettings(url, options);
  }

  /** Kombu's {@code _prepare_virtual_host}: one more leading slash is stripped; empty means 0. */
  static int parseDb(@Nullable String virtualHost) {
    if (virtualHost == null) {
      return 0;
    }
    String v = virtualHost.startsWith("/") ? virtualHost.substring(1) : virtualHost;
    if (v.isEmpty()) {
      return 0;
    }
    try {
      int db = Integer.parseInt(v);
      if (db < 0) {
        throw new NumberFormatException(v);
      }
      return db;
    } catch (NumberFormatException e) {
      throw new InvalidUrlException("Database is int between 0 and limit - 1, not " + v
          + " (the URL path of a redis:// URL is the database number, e.g. redis://localhost:6379/0)", e);
    }
  }

  private static @Nullable Map<String, Object> sentinelKwargs(@Nullable Object option) {
    if (option == null) {
      return null;
    }
    if (!(option instanceof Map)) {
      throw new ConfigurationException("transport option sentinel_kwargs must be a Map of " + SENTINEL_KWARGS
          + ", was a " + option.getClass().getName());
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) option).entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!SENTINEL_KWARGS.contains(key)) {
        throw new ConfigurationException("sentinel_kwargs key " + key + " is not supported; the supported keys are "
            + SENTINEL_KWARGS);
      }
      Object value = e.getValue();
      if (key.equals("credential_provider") && !(value instanceof CredentialProvider)) {
        throw new ConfigurationException("sentinel_kwargs credential_provider must be an "
            + CredentialProvider.class.getName());
      }
      if (value != null) {
        kwargs.put(key, value);
      }
    }
    TransportOptions check = TransportOptions.of(kwargs);
    positiveOrNull(check, "socket_timeout");
    positiveOrNull(check, "socket_connect_timeout");
    return Map.copyOf(kwargs);
  }

  private static @Nullable Duration positiveOrNull(TransportOptions o, String key) {
    return o.has(key) ? positive(o, key, Duration.ZERO) : null;
  }

  private static String fanoutPrefix(@Nullable Object option, int db) {
    if (option == null || Boolean.TRUE.equals(option) || "true".equalsIgnoreCase(option.toString())) {
      return "/" + db + ".";
    }
    if (Boolean.FALSE.equals(option) || "false".equalsIgnoreCase(option.toString())) {
      return "";
    }
    return option.toString().replace("{db}", Integer.toString(db));
  }

  private static List<Integer> prioritySteps(@Nullable Object option) {
    if (option == null) {
      return DEFAULT_PRIORITY_STEPS;
    }
    List<Integer> steps = new ArrayList<>();
    Collection<?> items = option instanceof Collection
        ? (Collection<?>) option
        : List.of(option.toString().replace("[", "").replace("]", "").split(","));
    for (Object item : items) {
      try {
        steps.add(item instanceof Number ? ((Number) item).intValue() : Integer.parseInt(item.toString().trim()));
      } catch (NumberFormatException e) {
        throw new ConfigurationException("transport option priority_steps must be a list of integers such as "
            + "[0, 3, 6, 9], was: " + option, e);
      }
    }
    if (steps.isEmpty()) {
      throw new ConfigurationException("transport option priority_steps must not be empty; Kombu's default is "
          + "[0, 3, 6, 9]");
    }
    return List.copyOf(steps);
  }

  private static Duration positive(TransportOptions o, String key, Duration fallback) {
    Duration d = o.getDuration(key, fallback);
    if (d == null || d.isNegative() || d.isZero()) {
      throw new ConfigurationException("transport option " + key + " must be a positive number of seconds, was: "
          + o.get(key));
    }
    return d;
  }

  /** @return host name (or the sentinel's) */
  public String host() {
    return host;
  }

  /** @return port (or the sentinel's) */
  public int port() {
    return port;
  }

  /** @return database number */
  public int db() {
    return db;
  }

  /** @return ACL user, or null */
  public @Nullable String username() {
    return username;
  }

  /** @return password, or null */
  public @Nullable String password() {
    return password;
  }

  /** @return the provider asked for credentials on every connect instead of the URL's, or null */
  public @Nullable CredentialProvider credentialProvider() {
    return credentialProvider;
  }

  /** @return the fewest other sentinels a sentinel must see for its master to be accepted (redis-py's rule) */
  public int minOtherSentinels() {
    return minOtherSentinels;
  }

  /**
   * @return {@code sentinel_kwargs}: when set, exactly what connections to the sentinels use ({@link
   *     #SENTINEL_KWARGS}); null means the sentinels get the URL's credentials (or the provider) and socket timeouts
   */
  public @Nullable Map<String, Object> sentinelKwargs() {
    return sentinelKwargs;
  }

  /**
   * @param key a {@code sentinel_kwargs} duration key
   * @return its value, or null when sentinel_kwargs is not set or lacks it
   */
  public @Nullable Duration sentinelDuration(String key) {
    return sentinelKwargs == null ? null : positiveOrNull(TransportOptions.of(sentinelKwargs), key);
  }

  /** @return whether to use TLS */
  public boolean ssl() {
    return ssl;
  }

  /** @return {@code ssl_*} URL options without the prefix */
  public Map<String, String> sslOptions() {
    return sslOptions;
  }

  /** @return whether the URL names a Sentinel */
  public boolean sentinel() {
    return sentinel;
  }

  /** @return the Sentinel master name, or null */
  public @Nullable String masterName() {
    return masterName;
  }

  /** @return separator */
  public String sep() {
    return sep;
  }

  /** @return whether unacked messages are kept in Redis */
  public boolean ackEmulation() {
    return ackEmulation;
  }

  /** @return unacked hash name (without global prefix) */
  public String unackedKey() {
    return unackedKey;
  }

  /** @return unacked index name (without global prefix) */
  public String unackedIndexKey() {
    return unackedIndexKey;
  }

  /** @return restore mutex name (without global prefix) */
  public String unackedMutexKey() {
    return unackedMutexKey;
  }

  /** @return how long the restore mutex lives */
  public Duration unackedMutexExpire() {
    return unackedMutexExpire;
  }

  /** @return age after which an unacked message is restored */
  public Duration visibilityTimeout() {
    return visibilityTimeout;
  }

  /** @return most messages one sweep restores, or null for all */
  public @Nullable Integer unackedRestoreLimit() {
    return unackedRestoreLimit;
  }

  /** @return only every n-th empty poll sweeps (0 or 1 = every one) */
  public int unackedRestoreThrottle() {
    return unackedRestoreThrottle;
  }

  /** @return the fanout channel prefix, e.g. {@code /0.} */
  public String fanoutPrefix() {
    return fanoutPrefix;
  }

  /** @return whether fanout publishes append {@code /<routing key>} */
  public boolean fanoutPatterns() {
    return fanoutPatterns;
  }

  /** @return {@code global_keyprefix} */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** @return {@code round_robin}, {@code priority} or {@code sorted} */
  public String queueOrderStrategy() {
    return queueOrderStrategy;
  }

  /** @return priority steps, ascending as given */
  public List<Integer> prioritySteps() {
    return prioritySteps;
  }

  /** @return the BRPOP timeout */
  public Duration brpopTimeout() {
    return brpopTimeout;
  }

  /** @return pool size */
  public int maxConnections() {
    return maxConnections;
  }

  /** @return socket read timeout */
  public Duration socketTimeout() {
    return socketTimeout;
  }

  /** @return connect timeout */
  public Duration socketConnectTimeout() {
    return socketConnectTimeout;
  }

  /** @return CLIENT SETNAME value, or null */
  public @Nullable String clientName() {
    return clientName;
  }

  /** @return idle time after which pooled connections are PINGed */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  /** @return whether the leases of messages this connection holds are renewed while it lives */
  public boolean leaseRenewal() {
    return leaseRenewal;
  }

  /** @return whether an idle consumer waits for push notifications instead of BRPOP, so every pop is atomic */
  public boolean atomicWait() {
    return atomicWait;
  }
}
