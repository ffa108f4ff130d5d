package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.BlockedListener;
import io.kombu.transport.amqp.ConnectionBlockedListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the client's {@code connection.blocked}/{@code unblocked} notifications: remembers the state, logs it and
 * tells the user's {@link ConnectionBlockedListener}, if any.
 *
 * <p>Thread-safety: thread-safe.
 */
final class BlockedNotifications implements BlockedListener {
  private static final Logger log = LoggerFactory.getLogger(BlockedNotifications.class);

  private final String connection;
  private final @Nullable ConnectionBlockedListener listener;
  private volatile boolean blocked;

  BlockedNotifications(String connection, @Nullable ConnectionBlockedListener listener) {
    this.connection = connection;
    this.listener = listener;
  }

  boolean isBlocked() {
    return blocked;
  }

  @Override
  public void handleBlocked(String reason) {
    blocked = true;
    log.warn("RabbitMQ blocked publishing on connection {}: {} (publishes wait until the broker unblocks)", connection,
        reason);
    if (listener != null) {
      listener.onBlocked(reason);
    }
  }

  @Override
  public void handleUnblocked() {
    blocked = false;
    log.info("RabbitMQ unblocked connection {}", connection);
    if (listener != null) {
      listener.onUnblocked();
    }
  }
}
