package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A recoverable problem with the broker connection or channel: retrying after a reconnect may succeed. {@code ensure} and the consumer loop retry exactly these (Kombu's {@code OperationalError} and recoverable AMQP errors).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class OperationalException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public OperationalException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public OperationalException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
