package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A body could not be encoded or decoded (Kombu's {@code SerializationError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class SerializationException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public SerializationException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public SerializationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
