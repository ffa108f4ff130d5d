package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * An exchange or queue does not exist (AMQP 404 {@code NOT_FOUND}), for example after a passive declare.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class NotFoundException extends IrrecoverableChannelException implements BrokerReply {
  private final int replyCode;

  /**
   * @param replyCode the AMQP reply code (for example 404), or 0 when the broker gave none
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public NotFoundException(int replyCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  /** @param message what happened and what to do next; never a credential */
  public NotFoundException(String message) {
    this(0, message, null);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public NotFoundException(String message, @Nullable Throwable cause) {
    this(0, message, cause);
  }

  @Override
  public int replyCode() {
    return replyCode;
  }
}
