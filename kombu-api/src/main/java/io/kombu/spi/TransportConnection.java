package io.kombu.spi;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An open broker connection.
 *
 * <p>Thread-safety: used by one thread at a time, except {@link #close()} which may come from any thread.
 */
public interface TransportConnection extends AutoCloseable {
  /** @return a new channel @throws io.kombu.ConnectionException when the connection is lost */
  TransportChannel openChannel();

  /**
   * Waits for deliveries on any channel and hands them to their consumers' callbacks on this thread.
   *
   * @param timeout the longest to wait, or null to wait until something arrives
   * @throws io.kombu.KombuTimeoutException when nothing arrived in time
   * @throws io.kombu.ConnectionException when the connection is lost
   */
  void drainEvents(@Nullable Duration timeout);

  /** @return false once closed or lost */
  boolean isOpen();

  /**
   * @return whether the broker answered the last time this connection needed it. A transport that rides out a broker
   *     outage inside {@link #drainEvents} (Redis waits and retries there rather than failing) stays open but returns
   *     false until the broker is back; the default is {@link #isOpen()}
   */
  default boolean isBrokerReachable() {
    return isOpen();
  }

  /** Sends or checks heartbeats where the protocol has them (Kombu's {@code heartbeat_check}). */
  default void heartbeatCheck() {}

  /** @return what the broker said about itself, if anything */
  default Map<String, Object> serverProperties() {
    return Map.of();
  }

  /** Closes every channel and the connection. Closing twice does nothing. */
  @Override
  void close();
}
