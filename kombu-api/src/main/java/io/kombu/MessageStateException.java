package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A message was acknowledged, rejected or requeued after it was already settled, or has no channel to settle on (Kombu's {@code MessageStateError}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class MessageStateException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public MessageStateException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public MessageStateException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
