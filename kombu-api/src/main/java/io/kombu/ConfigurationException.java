package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * Kombu-Java was set up wrongly: a bad URL, an unknown option, a missing transport.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class ConfigurationException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public ConfigurationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
