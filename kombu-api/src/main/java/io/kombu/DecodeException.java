package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A body could not be deserialized or decompressed (Kombu's {@code DecodeError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class DecodeException extends SerializationException {
  /** @param message what happened and what to do next; never a credential */
  public DecodeException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public DecodeException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
