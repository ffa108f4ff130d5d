package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * No serializer is registered under the requested name or content type (Kombu's {@code SerializerNotInstalled}). The message names the artifact to add when one is known.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class SerializerNotInstalledException extends KombuException {
  /** @param message what happened and what to do next; never a credential */
  public SerializerNotInstalledException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public SerializerNotInstalledException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
