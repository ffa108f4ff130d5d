package io.kombu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.core.Kombu;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("closing connections when the JVM stops")
class CloseOnExitTest {
  @Test
  @DisplayName("the hook is registered while the command runs, closes the connection when run, and is gone after")
  void registersAndUnregisters() throws Exception {
    try (Connection conn = Kombu.connect("memory://")) {
      conn.connect();
      CloseOnExit guard = new CloseOnExit(conn);

      Thread hook = guard.hook();
      guard.close();

      assertThat(Runtime.getRuntime().removeShutdownHook(hook)).as("already unregistered").isFalse();
      hook.start();
      hook.join(10_000);
      assertThat(conn.isConnected()).as("the hook closes the connection").isFalse();
    }
  }
}
