package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A broker URL could not be parsed or names an unknown option. The message shows the URL with its password masked.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class InvalidUrlException extends ConfigurationException {
  /** @param message what happened and what to do next; never a credential */
  public InvalidUrlException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public InvalidUrlException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
