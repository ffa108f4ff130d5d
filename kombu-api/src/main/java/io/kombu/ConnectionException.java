package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * The connection to the broker was lost, refused, forced closed (AMQP 320) or ran out of a resource (506): recoverable by reconnecting (Kombu's {@code RecoverableConnectionError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class ConnectionException extends OperationalException implements BrokerReply {
  private final int replyCode;

  /**
   * @param replyCode the AMQP reply code (for example 404), or 0 when the broker gave none
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ConnectionException(int replyCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  /** @param message what happened and what to do next; never a credential */
  public ConnectionException(String message) {
    this(0, message, null);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ConnectionException(String message, @Nullable Throwable cause) {
    this(0, message, cause);
  }

  @Override
  public int replyCode() {
    return replyCode;
  }
}
