package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Kombu-Java throws (Python Kombu's {@code KombuError}). All are unchecked.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class KombuException extends RuntimeException {
  /** @param message what happened and what to do next; never a credential */
  public KombuException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public KombuException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
