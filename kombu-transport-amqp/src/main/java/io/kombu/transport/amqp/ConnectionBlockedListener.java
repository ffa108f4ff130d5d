package io.kombu.transport.amqp;

/**
 * Told when RabbitMQ blocks and unblocks publishing on a connection (a memory or disk alarm: {@code connection.blocked}).
 * While blocked, publishes wait. Pass one as the transport option {@value #OPTION}; the transport logs both events
 * anyway (WARN, INFO).
 *
 * <pre>{@code
 * Kombu.connect(url, TransportOptions.of(Map.of(ConnectionBlockedListener.OPTION, listener)));
 * }</pre>
 *
 * <p>Called on the RabbitMQ client's connection thread: return quickly and do not call back into the connection.
 * Implementations must be thread-safe.
 */
public interface ConnectionBlockedListener {
  /** The transport option key that carries a listener. */
  String OPTION = "connection_blocked_listener";

  /** @param reason the broker's reason, e.g. {@code low on memory} */
  void onBlocked(String reason);

  /** Publishing may go on again. */
  void onUnblocked();
}
