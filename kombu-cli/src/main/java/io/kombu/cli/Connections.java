package io.kombu.cli;

import io.kombu.Connection;
import io.kombu.RetryPolicy;
import io.kombu.core.Kombu;

/**
 * Opens the connections the commands use: eagerly, so that a bad URL, a missing transport or an unreachable broker is
 * reported before any work starts.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
final class Connections {
  private static final RetryPolicy ONE_ATTEMPT = RetryPolicy.builder().maxRetries(0).build();

  private Connections() {}

  /** @param url broker URL @return a connected connection, to be closed by the caller */
  static Connection open(String url) {
    Connection connection = Kombu.connect(url);
    try {
      // One attempt: a command line should fail fast and say why, not retry quietly (Kombu's lazy connect retries once).
      connection.ensureConnection(ONE_ATTEMPT);
      return connection;
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }
}
