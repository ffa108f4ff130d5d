package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A pool's limit was reached (Kombu's {@code LimitExceeded}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class LimitExceededException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public LimitExceededException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public LimitExceededException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
