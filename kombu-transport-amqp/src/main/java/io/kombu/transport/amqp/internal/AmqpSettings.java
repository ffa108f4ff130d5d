package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultSaslConfig;
import io.kombu.ConfigurationException;
import io.kombu.CredentialProvider;
import io.kombu.TransportOptions;
import io.kombu.core.CredentialProviders;
import io.kombu.spi.BrokerUrl;
import io.kombu.transport.amqp.ConnectionBlockedListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one AMQP transport needs to open connections, read once from the URL and the transport options, and the
 * client {@link ConnectionFactory} built from it.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param url the broker URL with the transport's defaults applied
 * @param confirmPublish whether channels use publisher confirms ({@code confirm_publish})
 * @param confirmTimeout how long a publish waits for its confirm ({@code confirm_timeout})
 * @param connectionName the name the broker shows for the connection ({@code connection_name})
 * @param blockedListener told about {@code connection.blocked}/{@code unblocked}, or null
 * @param credentialProvider asked for the user name and password of every new connection instead of the URL's
 *     ({@code credential_provider}), or null
 */
public record AmqpSettings(
    BrokerUrl url,
    boolean confirmPublish,
    Duration confirmTimeout,
    String connectionName,
    @Nullable ConnectionBlockedListener blockedListener,
    @Nullable CredentialProvider credentialProvider) {
  /** Transport option: wait for a publisher confirm after every publish (Kombu's {@code confirm_publish}). */
  public static final String CONFIRM_PUBLISH = "confirm_publish";
  /** Transport option: how long to wait for that confirm, in seconds or as a Duration. */
  public static final String CONFIRM_TIMEOUT = "confirm_timeout";
  /** Transport option: the connection's name in RabbitMQ's management UI and {@code rabbitmqctl}. */
  public static final String CONNECTION_NAME = "connection_name";
  /** Kombu waits forever for a confirm; we never hang, and give up after this long. */
  public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(30);
  /** Client product name sent to the broker. */
  public static final String PRODUCT = "kombu-java";

  /**
   * @param url URL with defaults applied
   * @param options transport options
   * @return the settings
   * @throws ConfigurationException when an option has a bad value
   */
  public static AmqpSettings of(BrokerUrl url, TransportOptions options) {
    Duration timeout = options.getDuration(CONFIRM_TIMEOUT, DEFAULT_CONFIRM_TIMEOUT);
    Object listener = options.get(ConnectionBlockedListener.OPTION);
    if (listener != null && !(listener instanceof ConnectionBlockedListener)) {
      throw new ConfigurationException("transport option " + ConnectionBlockedListener.OPTION + " must be a "
          + ConnectionBlockedListener.class.getName() + ", was: " + listener.getClass().getName());
    }
    return new AmqpSettings(url, options.getBoolean(CONFIRM_PUBLISH, false),
        timeout == null || timeout.isZero() ? DEFAULT_CONFIRM_TIMEOUT : timeout,
        options.getString(CONNECTION_NAME, PRODUCT), (ConnectionBlockedListener) listener,
        CredentialProviders.resolve(url, options));
  }

  /**
   * @return a client connection factory for this broker: credentials, virtual host, heartbeat, connect timeout, TLS,
   *     client properties; the client's own automatic recovery is off because Kombu's {@code ensure} reconnects
   */
  public ConnectionFactory connectionFactory() {
    KombuConnectionFactory f = new KombuConnectionFactory();
    // With TLS the URL's host name stays, because the server certificate is checked against it (and names localhost).
    f.setHost(url.ssl() ? tlsHost(url.hostname()) : host(url.hostname()));
    f.setPort(url.port() == null ? AmqpDefaults.port(url.ssl()) : url.port());
    f.setUsername(url.userid() == null ? AmqpDefaults.USER : url.userid());
    f.setPassword(url.password() == null ? AmqpDefaults.PASSWORD : url.password());
    if (credentialProvider != null) {
      f.setCredentialsProvider(new AmqpCredentials(credentialProvider, f.getUsername()));
    }
    f.setVirtualHost(url.virtualHost() == null ? AmqpDefaults.VIRTUAL_HOST : url.virtualHost());
    f.setRequestedHeartbeat(seconds(url.heartbeat()));
    f.setConnectionTimeout(millis(url.connectTimeout()));
    f.setAutomaticRecoveryEnabled(false);
    f.setTopologyRecoveryEnabled(false);
    // Deliveries are queued for drainEvents anyway: a consumer thread pool in between would only add a hand-off.
    f.setSharedExecutor(new CallerRunsExecutor());
    saslConfig(f, url.loginMethod());
    Map<String, Object> client = new LinkedHashMap<>(f.getClientProperties());
    client.put("product", PRODUCT);
    client.put("information", "Kombu-Java, a port of Python Kombu");
    Package pkg = AmqpSettings.class.getPackage();
    if (pkg != null && pkg.getImplementationVersion() != null) {
      client.put("version", pkg.getImplementationVersion());
    }
    client.put("connection_name", connectionName);
    f.setClientProperties(client);
    if (url.ssl()) {
      boolean verifyHostname = !"false".equalsIgnoreCase(url.sslOptions().getOrDefault("check_hostname", "true"))
          && PemSslContexts.CertReqs.parse(url.sslOptions().get("cert_reqs")) != PemSslContexts.CertReqs.NONE;
      f.useTls(PemSslContexts.create(url.sslOptions()), verifyHostname);
    }
    return f;
  }

  /** As Kombu's py-amqp transport: no host or {@code localhost} means 127.0.0.1 (RabbitMQ often listens on IPv4 only). */
  static String host(@Nullable String hostname) {
    return hostname == null || hostname.isEmpty() || "localhost".equalsIgnoreCase(hostname) ? "127.0.0.1" : hostname;
  }

  /** With TLS: no host means 127.0.0.1, and a host name is kept for the certificate check (localhost included). */
  static String tlsHost(@Nullable String hostname) {
    return hostname == null || hostname.isEmpty() ? "127.0.0.1" : hostname;
  }

  private static void saslConfig(ConnectionFactory f, @Nullable String loginMethod) {
    if (loginMethod == null) {
      return;
    }
    switch (loginMethod.toUpperCase(Locale.ROOT)) {
      case "PLAIN":
      case "AMQPLAIN":
        // py-amqp's default AMQPLAIN sends the same user and password as PLAIN, which the Java client speaks.
        f.setSaslConfig(DefaultSaslConfig.PLAIN);
        break;
      case "EXTERNAL":
        f.setSaslConfig(DefaultSaslConfig.EXTERNAL);
        break;
      default:
        throw new ConfigurationException("login_method " + loginMethod + " is not supported by the AMQP transport;"
            + " use PLAIN, AMQPLAIN or EXTERNAL");
    }
  }

  private static int seconds(Duration d) {
    long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    return (int) Math.min(s, 65535);
  }

  private static int millis(Duration d) {
    return (int) Math.min(d.toMillis(), Integer.MAX_VALUE);
  }
}
