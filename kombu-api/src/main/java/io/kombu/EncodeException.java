package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A value could not be serialized (Kombu's {@code EncodeError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class EncodeException extends SerializationException {
  /** @param message what happened and what to do next; never a credential */
  public EncodeException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public EncodeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
