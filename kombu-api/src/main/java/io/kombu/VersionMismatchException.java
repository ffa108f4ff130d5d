package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A provider was built for another version of Kombu-Java's SPI (Kombu's {@code VersionMismatch}).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class VersionMismatchException extends ConfigurationException {
  /** @param message what happened and what to do next; never a credential */
  public VersionMismatchException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public VersionMismatchException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
