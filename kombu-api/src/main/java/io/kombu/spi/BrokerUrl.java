package io.kombu.spi;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One broker's address and Kombu connection parameters, parsed from a URL such as {@code
 * amqp://user:pass@host:5672/vhost?heartbeat=10} (Kombu's {@code Connection} arguments). Core parses; the transport's
 * {@link TransportProvider#applyDefaults} fills in its defaults.
 *
 * <p>{@link #toString()} masks the password and cuts text beyond 200 characters. {@code query} holds options core did
 * not consume itself (transports may read their own from it); {@code sslOptions} holds the {@code ssl_*} query options
 * without the prefix.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class BrokerUrl {
  /** Longest {@link #toString()}, as for the URLs core quotes in errors. */
  private static final int TO_STRING_LIMIT = 200;

  private final String transport;
  private final @Nullable String uriPrefix;
  private final @Nullable String hostname;
  private final @Nullable Integer port;
  private final @Nullable String userid;
  private final @Nullable String password;
  private final @Nullable String virtualHost;
  private final boolean ssl;
  private final Map<String, String> sslOptions;
  private final Map<String, String> query;
  private final Duration connectTimeout;
  private final Duration heartbeat;
  private final @Nullable String loginMethod;

  private BrokerUrl(Builder b) {
    this.transport = b.transport;
    this.uriPrefix = b.uriPrefix;
    this.hostname = b.hostname;
    this.port = b.port;
    this.userid = b.userid;
    this.password = b.password;
    this.virtualHost = b.virtualHost;
    this.ssl = b.ssl;
    this.sslOptions = Collections.unmodifiableMap(new LinkedHashMap<>(b.sslOptions));
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
    this.connectTimeout = b.connectTimeout;
    this.heartbeat = b.heartbeat;
    this.loginMethod = b.loginMethod;
  }

  /** @param transport the transport name or scheme, e.g. {@code redis} @return a builder */
  public static Builder builder(String transport) {
    return new Builder(transport);
  }

  /** @return a builder holding these values */
  public Builder toBuilder() {
    Builder b = new Builder(transport);
    b.uriPrefix = uriPrefix;
    b.hostname = hostname;
    b.port = port;
    b.userid = userid;
    b.password = password;
    b.virtualHost = virtualHost;
    b.ssl = ssl;
    b.sslOptions.putAll(sslOptions);
    b.query.putAll(query);
    b.connectTimeout = connectTimeout;
    b.heartbeat = heartbeat;
    b.loginMethod = loginMethod;
    return b;
  }

  /** @return the scheme as written (lower case), e.g. {@code rediss}; the transport is found by it */
  public String transport() {
    return transport;
  }

  /**
   * @return for {@code a+b://...} URLs the part before {@code +} (then {@link #hostname()} holds the unparsed rest, e.g.
   *     {@code socket:///var/run/redis.sock}); null otherwise
   */
  public @Nullable String uriPrefix() {
    return uriPrefix;
  }

  /** @return host name, or null when absent */
  public @Nullable String hostname() {
    return hostname;
  }

  /** @return port, or null when absent */
  public @Nullable Integer port() {
    return port;
  }

  /** @return user name, or null */
  public @Nullable String userid() {
    return userid;
  }

  /** @return password, or null; never log it */
  public @Nullable String password() {
    return password;
  }

  /** @return the URL path without its leading slash (virtual host, Redis db, Mongo database), or null */
  public @Nullable String virtualHost() {
    return virtualHost;
  }

  /** @return whether TLS is on ({@code amqps}, {@code rediss}, or {@code ssl=true}) */
  public boolean ssl() {
    return ssl;
  }

  /** @return TLS options from {@code ssl_*} query keys, without the prefix ({@code cert_reqs}, {@code ca_certs}, ...) */
  public Map<String, String> sslOptions() {
    return sslOptions;
  }

  /** @return remaining query options, for the transport to read */
  public Map<String, String> query() {
    return query;
  }

  /** @return connect timeout (Kombu's default 5 s) */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** @return heartbeat interval, {@link Duration#ZERO} for off (Kombu's default) */
  public Duration heartbeat() {
    return heartbeat;
  }

  /** @return SASL login method, or null for the transport's default */
  public @Nullable String loginMethod() {
    return loginMethod;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof BrokerUrl)) {
      return false;
    }
    BrokerUrl u = (BrokerUrl) o;
    return ssl == u.ssl && transport.equals(u.transport) && Objects.equals(uriPrefix, u.uriPrefix)
        && Objects.equals(hostname, u.hostname) && Objects.equals(port, u.port) && Objects.equals(userid, u.userid)
        && Objects.equals(password, u.password) && Objects.equals(virtualHost, u.virtualHost)
        && sslOptions.equals(u.sslOptions) && query.equals(u.query) && connectTimeout.equals(u.connectTimeout)
        && heartbeat.equals(u.heartbeat) && Objects.equals(loginMethod, u.loginMethod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(transport, uriPrefix, hostname, port, userid, password, virtualHost, ssl, sslOptions, query,
        connectTimeout, heartbeat, loginMethod);
  }

  /** @return the URL with the password masked as {@code **}, safe to log */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (uriPrefix != null) {
      return shortened(sb.append(uriPrefix).append('+').append(hostname));
    }
    sb.append(transport).append("://");
    if (userid != null || password != null) {
      sb.append(userid == null ? "" : userid);
      if (password != null) {
        sb.append(":**");
      }
      sb.append('@');
    }
    sb.append(hostname == null ? "" : hostname);
    if (port != null) {
      sb.append(':').append(port);
    }
    sb.append('/').append(virtualHost == null ? "" : virtualHost);
    return shortened(sb);
  }

  /** Error messages quote this text: a URL with a 10 000-character host or vhost must not flood them. */
  private static String shortened(StringBuilder text) {
    if (text.length() <= TO_STRING_LIMIT) {
      return text.toString();
    }
    int end = Character.isHighSurrogate(text.charAt(TO_STRING_LIMIT - 1)) ? TO_STRING_LIMIT - 1 : TO_STRING_LIMIT;
    return text.substring(0, end) + "... (" + text.length() + " characters)";
  }

  /** Builds a {@link BrokerUrl}. Not thread-safe. */
  public static final class Builder {
    private final String transport;
    private @Nullable String uriPrefix;
    private @Nullable String hostname;
    private @Nullable Integer port;
    private @Nullable String userid;
    private @Nullable String password;
    private @Nullable String virtualHost;
    private boolean ssl;
    private final Map<String, String> sslOptions = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration heartbeat = Duration.ZERO;
    private @Nullable String loginMethod;

    private Builder(String transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** @param v prefix of a {@code a+b://} URL @return this */
    public Builder uriPrefix(@Nullable String v) {
      uriPrefix = v;
      return this;
    }

    /** @param v host @return this */
    public Builder hostname(@Nullable String v) {
      hostname = v;
      return this;
    }

    /** @param v port @return this */
    public Builder port(@Nullable Integer v) {
      if (v != null && (v < 0 || v > 65535)) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + v);
      }
      port = v;
      return this;
    }

    /** @param v user @return this */
    public Builder userid(@Nullable String v) {
      userid = v;
      return this;
    }

    /** @param v password @return this */
    public Builder password(@Nullable String v) {
      password = v;
      return this;
    }

    /** @param v virtual host / path @return this */
    public Builder virtualHost(@Nullable String v) {
      virtualHost = v;
      return this;
    }

    /** @param v TLS on @return this */
    public Builder ssl(boolean v) {
      ssl = v;
      return this;
    }

    /** @param key option without {@code ssl_} @param value value @return this */
    public Builder sslOption(String key, String value) {
      sslOptions.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** @param key query key @param value value @return this */
    public Builder queryOption(String key, String value) {
      query.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** @param v connect timeout @return this */
    public Builder connectTimeout(Duration v) {
      connectTimeout = Objects.requireNonNull(v, "connectTimeout");
      return this;
    }

    /** @param v heartbeat, ZERO for off @return this */
    public Builder heartbeat(Duration v) {
      heartbeat = Objects.requireNonNull(v, "heartbeat");
      return this;
    }

    /** @param v login method @return this */
    public Builder loginMethod(@Nullable String v) {
      loginMethod = v;
      return this;
    }

    /** @return the URL */
    public BrokerUrl build() {
      return new BrokerUrl(this);
    }
  }
}
