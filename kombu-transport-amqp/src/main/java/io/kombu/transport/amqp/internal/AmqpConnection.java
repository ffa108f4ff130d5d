package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.kombu.ChannelLimitExceededException;
import io.kombu.KombuTimeoutException;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RabbitMQ connection. The client delivers messages, returns and cancel notifications on its own threads; they are
 * queued here as events and run by {@link #drainEvents} on the caller's thread, as Kombu does.
 *
 * <p>Thread-safety: {@link #drainEvents} and {@link #openChannel} from one thread at a time; {@link #close()} and event
 * queueing from any thread.
 */
public final class AmqpConnection implements TransportConnection {
  private static final Logger log = LoggerFactory.getLogger(AmqpConnection.class);
  /** Queued when the connection shuts down, so that a waiting {@link #drainEvents} wakes up and reports it. */
  private static final Runnable CONNECTION_CLOSED = () -> {};

  private final Connection connection;
  private final AmqpSettings settings;
  private final LinkedBlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
  private final BlockedNotifications blocked;

  /**
   * @param connection an open client connection
   * @param settings the transport's settings
   */
  public AmqpConnection(Connection connection, AmqpSettings settings) {
    this.connection = connection;
    this.settings = settings;
    connection.addShutdownListener(cause -> {
      if (!cause.isInitiatedByApplication()) {
        log.warn("AMQP connection {} closed by the broker or the network: {}", settings.url(), cause.getMessage());
      }
      events.add(CONNECTION_CLOSED);
    });
    this.blocked = new BlockedNotifications(settings.url().toString(), settings.blockedListener());
    connection.addBlockedListener(blocked);
  }

  /** @return whether RabbitMQ currently blocks publishing on this connection (memory or disk alarm) */
  public boolean isBlocked() {
    return blocked.isBlocked();
  }

  /** @return the client connection (for tests and benchmarks) */
  public Connection clientConnection() {
    return connection;
  }

  @Override
  public TransportChannel openChannel() {
    Channel channel;
    try {
      channel = connection.createChannel();
    } catch (IOException | RuntimeException e) {
      throw AmqpErrorTranslator.translate(e, "channel.open");
    }
    if (channel == null) {
      throw new ChannelLimitExceededException("the connection has no free channel number (channel_max "
          + connection.getChannelMax() + "); close channels you no longer use");
    }
    return new AmqpChannel(channel, this, settings);
  }

  /** @param event work for the draining thread: a delivery, a return or a cancel notification */
  void dispatch(Runnable event) {
    events.add(event);
  }

  @Override
  public void drainEvents(@Nullable Duration timeout) {
    checkOpen();
    Runnable first;
    try {
      first = timeout == null ? events.take() : events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KombuTimeoutException("interrupted while waiting for AMQP events", e);
    }
    if (first == null) {
      throw new KombuTimeoutException("no AMQP event within " + timeout);
    }
    // Everything that had arrived, but not what callbacks cause meanwhile: a callback that republishes must not keep
    // this call running for ever.
    int more = events.size();
    run(first);
    for (int i = 0; i < more; i++) {
      Runnable next = events.poll();
      if (next == null) {
        break;
      }
      run(next);
    }
  }

  private void run(Runnable event) {
    if (event == CONNECTION_CLOSED) {
      checkOpen();
      return;
    }
    event.run();
  }

  private void checkOpen() {
    if (!connection.isOpen()) {
      throw AmqpErrorTranslator.translate(connection.getCloseReason(), "drain_events");
    }
  }

  @Override
  public boolean isOpen() {
    return connection.isOpen();
  }

  @Override
  public Map<String, Object> serverProperties() {
    return HeaderValues.fromWire(new LinkedHashMap<>(connection.getServerProperties()));
  }

  @Override
  public void close() {
    if (!connection.isOpen()) {
      log.debug("AMQP connection {} already closed", settings.url());
      return;
    }
    try {
      connection.close();
      log.info("closed AMQP connection {}", settings.url());
    } catch (IOException | RuntimeException e) {
      log.debug("closing AMQP connection {} failed; it is gone anyway", settings.url(), e);
    }
  }

  @Override
  public String toString() {
    return "AmqpConnection(" + settings.url() + ")";
  }
}
