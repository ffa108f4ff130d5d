package io.kombu.transport.amqp.internal;

import io.kombu.spi.BrokerUrl;

/**
 * Kombu's defaults for AMQP URLs (py-amqp transport): user and password {@code guest}, port 5672 (5671 with TLS),
 * virtual host {@code /}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class AmqpDefaults {
  /** Default user. */
  public static final String USER = "guest";
  /** Default password. */
  public static final String PASSWORD = "guest";
  /** Default virtual host. */
  public static final String VIRTUAL_HOST = "/";
  /** Default port. */
  public static final int PORT = 5672;
  /** Default TLS port. */
  public static final int SSL_PORT = 5671;

  private AmqpDefaults() {}

  /** @param ssl TLS on @return the default port */
  public static int port(boolean ssl) {
    return ssl ? SSL_PORT : PORT;
  }

  /**
   * @param url a parsed URL
   * @return the URL with empty fields filled in; {@code amqps} turns TLS on
   */
  public static BrokerUrl apply(BrokerUrl url) {
    boolean ssl = url.ssl() || "amqps".equals(url.transport());
    BrokerUrl.Builder b = url.toBuilder().ssl(ssl);
    if (url.userid() == null) {
      b.userid(USER);
    }
    if (url.password() == null) {
      b.password(PASSWORD);
    }
    if (url.port() == null) {
      b.port(port(ssl));
    }
    if (url.virtualHost() == null) {
      b.virtualHost(VIRTUAL_HOST);
    }
    return b.build();
  }
}
