package io.kombu.transport.memory;

import io.kombu.TransportOptions;
import io.kombu.testkit.TransportConformanceKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/** The conformance kit against {@code memory://}: a unit test, no broker needed, runs on every build. */
@DisplayName("memory:// transport conformance")
class MemoryConformanceTest extends TransportConformanceKit {
  @Override
  protected String brokerUrl() {
    return "memory://";
  }

  @Override
  protected TransportOptions options() {
    // Kombu's default of one second between empty polls would make every "nothing more arrives" check slow.
    return TransportOptions.of(Map.of("polling_interval", 0.01));
  }

  @Override
  protected Duration receiveTimeout() {
    return Duration.ofSeconds(2);
  }
}
