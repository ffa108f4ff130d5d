package io.kombu.transport.mongo.internal;

import io.kombu.ConfigurationException;
import io.kombu.InvalidUrlException;
import io.kombu.TransportOptions;
import io.kombu.core.CredentialProviders;
import io.kombu.spi.BrokerUrl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The MongoDB transport's settings, from the URL and Kombu's transport options (names and defaults as in Python Kombu's
 * {@code kombu.transport.mongodb.Channel}). Builds the connection string handed to the driver the way Kombu's {@code
 * _parse_uri} does: empty host → {@code default_hostname}, missing port → {@code default_port}, database = URL path or
 * {@code default_database}, every URL query option passed through, {@code ssl} and {@code connect_timeout} added unless
 * the URL sets them itself.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class MongoSettings {
  /** Kombu's {@code default_hostname}. */
  public static final String DEFAULT_HOSTNAME = "127.0.0.1";
  /** Kombu's {@code default_port}. */
  public static final int DEFAULT_PORT = 27017;
  /** Kombu's {@code default_database}. */
  public static final String DEFAULT_DATABASE = "kombu_default";
  /** Kombu's {@code capped_queue_size}, in bytes. */
  public static final long DEFAULT_CAPPED_QUEUE_SIZE = 100_000;

  private final String connectionString;
  private final String maskedConnectionString;
  private final String database;
  private final String messagesCollection;
  private final String routingCollection;
  private final String broadcastCollection;
  private final String queuesCollection;
  private final boolean ttl;
  private final boolean calcQueueSize;
  private final long cappedQueueSize;

  private MongoSettings(
      String connectionString,
      String maskedConnectionString,
      String database,
      TransportOptions options) {
    this.connectionString = connectionString;
    this.maskedConnectionString = maskedConnectionString;
    this.database = database;
    this.messagesCollection = nonEmpty(options, "messages_collection", "messages");
    this.routingCollection = nonEmpty(options, "routing_collection", "messages.routing");
    this.broadcastCollection = nonEmpty(options, "broadcast_collection", "messages.broadcast");
    this.queuesCollection = nonEmpty(options, "queues_collection", "messages.queues");
    this.ttl = options.getBoolean("ttl", false);
    this.calcQueueSize = options.getBoolean("calc_queue_size", true);
    this.cappedQueueSize = options.getLong("capped_queue_size", DEFAULT_CAPPED_QUEUE_SIZE);
    if (cappedQueueSize < 4096) {
      throw new ConfigurationException("transport option capped_queue_size must be at least 4096 bytes (MongoDB's "
          + "smallest capped collection), was " + cappedQueueSize);
    }
  }

  /**
   * @param url the parsed URL ({@code mongodb} or {@code mongodb+srv}; the host may be a seed list {@code h1:1,h2:2})
   * @param options transport options
   * @return the settings
   * @throws ConfigurationException when an option has a bad value
   */
  public static MongoSettings of(BrokerUrl url, TransportOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    CredentialProviders.refuse(url, options, "mongodb", "give the user and password in the URL "
        + "(mongodb://user:password@host/db)");
    boolean srv = url.transport().equals("mongodb+srv");
    String host = url.hostname();
    if (host == null || host.isEmpty()) {
      host = nonEmpty(options, "default_hostname", DEFAULT_HOSTNAME);
    }
    int defaultPort = options.getInt("default_port", DEFAULT_PORT);
    String hosts = host;
    if (!srv && host.indexOf(',') < 0) {
      hosts = host + ":" + (url.port() != null ? url.port() : defaultPort);
    }
    String db = url.virtualHost();
    if (db == null || db.isEmpty() || db.equals("/")) {
      db = nonEmpty(options, "default_database", DEFAULT_DATABASE);
    }
    Map<String, String> query = new LinkedHashMap<>(url.query());
    boolean urlHasTls = query.keySet().stream()
        .map(k -> k.toLowerCase(Locale.ROOT))
        .anyMatch(k -> k.equals("tls") || k.equals("ssl"));
    if (!urlHasTls && (options.getBoolean("ssl", false) || url.ssl())) {
      query.put("tls", "true");
    }
    Duration connectTimeout = options.getDuration("connect_timeout", null);
    boolean urlHasTimeout = query.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("connectTimeoutMS"));
    if (connectTimeout != null && !urlHasTimeout) {
      query.put("connectTimeoutMS", Long.toString(connectTimeout.toMillis()));
    }
    String scheme = srv ? "mongodb+srv://" : "mongodb://";
    String path = "/" + encode(db) + queryString(query);
    String user = url.userid();
    String password = url.password();
    StringBuilder full = new StringBuilder(scheme);
    StringBuilder masked = new StringBuilder(scheme);
    if (user != null && !user.isEmpty()) {
      full.append(encode(user));
      masked.append(encode(user));
      if (password != null && !password.isEmpty()) {
        full.append(':').append(encode(password));
        masked.append(":**");
      }
      full.append('@');
      masked.append('@');
    }
    full.append(hosts).append(path);
    masked.append(hosts).append(path);
    if (db.indexOf('/') >= 0 || db.indexOf('.') >= 0 || db.indexOf(' ') >= 0) {
      throw new InvalidUrlException("invalid MongoDB database name '" + db + "' in URL " + masked
          + ": database names cannot contain '/', '.' or spaces");
    }
    return new MongoSettings(full.toString(), masked.toString(), db, options);
  }

  private static String queryString(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    StringJoiner j = new StringJoiner("&", "?", "");
    query.forEach((k, v) -> j.add(encode(k) + "=" + encode(v)));
    return j.toString();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String nonEmpty(TransportOptions options, String key, String fallback) {
    String v = options.getString(key, fallback);
    return v.isEmpty() ? fallback : v;
  }

  /** @return the connection string for the driver; contains the password, never log it */
  public String connectionString() {
    return connectionString;
  }

  /** @return the connection string with the password masked, safe to log */
  public String maskedConnectionString() {
    return maskedConnectionString;
  }

  /** @return the database name */
  public String database() {
    return database;
  }

  /** @return {@code messages_collection} */
  public String messagesCollection() {
    return messagesCollection;
  }

  /** @return {@code routing_collection} */
  public String routingCollection() {
    return routingCollection;
  }

  /** @return {@code broadcast_collection} */
  public String broadcastCollection() {
    return broadcastCollection;
  }

  /** @return {@code queues_collection} */
  public String queuesCollection() {
    return queuesCollection;
  }

  /** @return {@code ttl}: expiry fields, TTL indexes and the queues collection */
  public boolean ttl() {
    return ttl;
  }

  /** @return {@code calc_queue_size}: false reports every queue as empty, saving a count */
  public boolean calcQueueSize() {
    return calcQueueSize;
  }

  /** @return {@code capped_queue_size}: bytes of the capped broadcast collection */
  public long cappedQueueSize() {
    return cappedQueueSize;
  }

  /**
   * @param text a driver message that may quote the connection string
   * @param password the password to hide, or null
   * @return the text without the password
   */
  static String scrub(@Nullable String text, @Nullable String password) {
    if (text == null) {
      return "";
    }
    if (password == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "**").replace(encode(password), "**");
  }

  @Override
  public String toString() {
    return "MongoSettings(" + maskedConnectionString + ", database=" + database + ", ttl=" + ttl + ")";
  }
}
