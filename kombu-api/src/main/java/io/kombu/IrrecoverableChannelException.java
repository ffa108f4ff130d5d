package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * The broker closed the channel for a reason a retry will not fix: access refused (403), not found (404), precondition failed (406) (Kombu's {@code IrrecoverableChannelError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class IrrecoverableChannelException extends KombuException implements BrokerReply {
  private final int replyCode;

  /**
   * @param replyCode the AMQP reply code (for example 404), or 0 when the broker gave none
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public IrrecoverableChannelException(int replyCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  /** @param message what happened and what to do next; never a credential */
  public IrrecoverableChannelException(String message) {
    this(0, message, null);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public IrrecoverableChannelException(String message, @Nullable Throwable cause) {
    this(0, message, cause);
  }

  @Override
  public int replyCode() {
    return replyCode;
  }
}
