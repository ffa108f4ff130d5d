package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A connection pool has no free connection and may not create another (Kombu's {@code ConnectionLimitExceeded}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class ConnectionLimitExceededException extends LimitExceededException {
  /** @param message what happened and what to do next; never a credential */
  public ConnectionLimitExceededException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ConnectionLimitExceededException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
