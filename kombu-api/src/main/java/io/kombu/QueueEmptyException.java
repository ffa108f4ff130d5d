package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A {@code SimpleQueue} had no message within the time allowed (Python's {@code queue.Empty}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class QueueEmptyException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public QueueEmptyException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public QueueEmptyException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
