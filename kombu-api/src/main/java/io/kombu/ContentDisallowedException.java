package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A message's content type is not in the consumer's accept list, or is an insecure type that was not enabled (Kombu's {@code ContentDisallowed}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class ContentDisallowedException extends SerializerNotInstalledException {
  /** @param message what happened and what to do next; never a credential */
  public ContentDisallowedException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ContentDisallowedException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
