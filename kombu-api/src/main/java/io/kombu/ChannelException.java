package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A channel failed in a way that a retry on a new channel may fix (AMQP 311, 313, 405: Kombu's {@code RecoverableChannelError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class ChannelException extends OperationalException implements BrokerReply {
  private final int replyCode;

  /**
   * @param replyCode the AMQP reply code (for example 404), or 0 when the broker gave none
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ChannelException(int replyCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  /** @param message what happened and what to do next; never a credential */
  public ChannelException(String message) {
    this(0, message, null);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ChannelException(String message, @Nullable Throwable cause) {
    this(0, message, cause);
  }

  @Override
  public int replyCode() {
    return replyCode;
  }
}
