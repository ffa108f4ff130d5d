package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.kombu.KombuException;
import io.kombu.spi.ErrorKind;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportConnection;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens RabbitMQ connections for one Kombu connection and classifies client errors by AMQP reply code.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class AmqpTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(AmqpTransport.class);

  private final AmqpSettings settings;
  private final TransportCapabilities capabilities;
  private final Set<AmqpConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile @Nullable ConnectionFactory factory;
  private volatile boolean closed;

  /**
   * @param settings URL and options
   * @param capabilities what the transport claims
   */
  public AmqpTransport(AmqpSettings settings, TransportCapabilities capabilities) {
    this.settings = settings;
    this.capabilities = capabilities;
  }

  @Override
  public TransportConnection connect() {
    if (closed) {
      throw new IllegalStateException("this AMQP transport was closed; create a new Kombu connection");
    }
    ConnectionFactory f = factory();
    Connection client;
    try {
      client = f.newConnection(settings.connectionName());
    } catch (IOException | TimeoutException | RuntimeException e) {
      throw AmqpErrorTranslator.translate(e, "connect to " + settings.url());
    }
    log.info("connected to AMQP broker {}", settings.url());
    AmqpConnection connection = new AmqpConnection(client, settings);
    connections.add(connection);
    client.addShutdownListener(cause -> connections.remove(connection));
    return connection;
  }

  private ConnectionFactory factory() {
    ConnectionFactory f = factory;
    if (f == null) {
      f = settings.connectionFactory();
      factory = f;
    }
    return f;
  }

  @Override
  public ErrorKind classify(Throwable error) {
    KombuException translated = AmqpErrorTranslator.translate(error, "an AMQP operation");
    return ErrorKind.of(translated);
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public void close() {
    if (closed) {
      log.debug("AMQP transport {} already closed", settings.url());
      return;
    }
    closed = true;
    for (AmqpConnection c : connections) {
      c.close();
    }
    connections.clear();
  }
}
