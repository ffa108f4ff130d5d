package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * An entity was redeclared with different properties (AMQP 406 {@code PRECONDITION_FAILED}; Kombu's virtual {@code NotEquivalentError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class PreconditionFailedException extends IrrecoverableChannelException implements BrokerReply {
  private final int replyCode;

  /**
   * @param replyCode the AMQP reply code (for example 404), or 0 when the broker gave none
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public PreconditionFailedException(int replyCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  /** @param message what happened and what to do next; never a credential */
  public PreconditionFailedException(String message) {
    this(0, message, null);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public PreconditionFailedException(String message, @Nullable Throwable cause) {
    this(0, message, cause);
  }

  @Override
  public int replyCode() {
    return replyCode;
  }
}
