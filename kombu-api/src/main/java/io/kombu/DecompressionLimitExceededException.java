package io.kombu;

import org.jspecify.annotations.Nullable;

/**
 * A compressed body expanded past the configured maximum: refused before it could exhaust memory (a decompression bomb, or a limit set too low).
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class DecompressionLimitExceededException extends DecodeException {
  /** @param message what happened and what to do next; never a credential */
  public DecompressionLimitExceededException(String message) {
    super(message);
  }

  /**
   * @param message what happened and what to do next; never a credential
   * @param cause the underlying error, kept for diagnosis
   */
  public DecompressionLimitExceededException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
