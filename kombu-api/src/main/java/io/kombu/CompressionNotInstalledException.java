package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * No compressor is registered under the requested name or content type, or its library is missing from the class path; the message names the artifact to add.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class CompressionNotInstalledException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public CompressionNotInstalledException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public CompressionNotInstalledException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
