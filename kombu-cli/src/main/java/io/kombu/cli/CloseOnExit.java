package io.kombu.cli;

import io.kombu.Connection;

/**
 * Closes a connection when the JVM is stopped (Ctrl-C, SIGTERM) while a long command runs, so that unacked messages go
 * back to their queues at once instead of after the broker's timeout (an hour for Redis' visibility timeout). Closing
 * this guard unregisters the hook once the command is done with the connection.
 *
 * <p>Thread-safety: the hook runs on the JVM's shutdown thread; {@link Connection#close()} may be called from any thread.
 */
final class CloseOnExit implements AutoCloseable {
  private final Thread hook;

  CloseOnExit(Connection connection) {
    this.hook = new Thread(connection::close, "kombu-cli-close-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  Thread hook() {
    return hook;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook is running or has run, which is what it is for.
    }
  }
}
