package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * No transport serves a URL's scheme. The message names the artifact to add, lists the transports found, and never shows a password.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class TransportNotFoundException extends ConfigurationException {
  /** @param message what happened and what to do next; never a credential */
  public TransportNotFoundException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public TransportNotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
