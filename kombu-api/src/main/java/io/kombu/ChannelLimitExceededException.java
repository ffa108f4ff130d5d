package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A channel pool has no free channel and may not create another (Kombu's {@code ChannelLimitExceeded}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class ChannelLimitExceededException extends LimitExceededException {
  /** @param message what happened and what to do next; never a credential */
  public ChannelLimitExceededException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ChannelLimitExceededException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
