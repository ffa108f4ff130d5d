package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * Routing data kept in the broker was found inconsistent (Kombu's {@code InconsistencyError}); the operation may be retried.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class InconsistencyException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public InconsistencyException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public InconsistencyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
