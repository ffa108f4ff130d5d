package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * An operation did not finish in time, for example {@code drainEvents} with nothing to deliver, or a publisher confirm that did not come (Kombu raises {@code socket.timeout}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class KombuTimeoutException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public KombuTimeoutException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public KombuTimeoutException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
