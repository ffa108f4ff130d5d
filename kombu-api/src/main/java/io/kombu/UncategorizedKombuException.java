package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A driver error that could not be mapped to a more specific Kombu exception; the cause is kept.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class UncategorizedKombuException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public UncategorizedKombuException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public UncategorizedKombuException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
