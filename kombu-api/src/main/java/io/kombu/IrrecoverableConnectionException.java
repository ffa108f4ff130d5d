package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * The broker closed the connection for a reason a retry will not fix: bad virtual host (402), frame or syntax errors (501-505), not allowed (530), internal error (541) (Kombu's {@code IrrecoverableConnectionError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class IrrecoverableConnectionException extends KombuException implements BrokerReply {
  private final int replyCode;

  /**
   * @param replyCode the AMQP reply code (for example 404), or 0 when the broker gave none
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public IrrecoverableConnectionException(int replyCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  /** @param message what happened and what to do next; never a credential */
  public IrrecoverableConnectionException(String message) {
    this(0, message, null);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public IrrecoverableConnectionException(String message, @Nullable Throwable cause) {
    this(0, message, cause);
  }

  @Override
  public int replyCode() {
    return replyCode;
  }
}
