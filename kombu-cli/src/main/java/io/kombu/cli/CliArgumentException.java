package io.kombu.cli;

import io.kombu.ConfigurationException;

/**
 * An argument that parsed but cannot be used (a body file that cannot be read, JSON that does not parse, a header
 * without {@code =}). Reported as one line, exit status {@link ExitCodes#FAILURE}.
 *
 * <p>Thread-safety: immutable once thrown.
 */
final class CliArgumentException extends ConfigurationException {
  CliArgumentException(String message) {
    super(message);
  }

  CliArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
