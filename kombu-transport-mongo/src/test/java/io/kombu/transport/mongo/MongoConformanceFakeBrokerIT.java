package io.kombu.transport.mongo;

import io.kombu.TransportOptions;
import io.kombu.testkit.TransportConformanceKit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance kit against mongo-java-server started in this JVM: not a real MongoDB. Fanout is skipped with its
 * reason ({@link FakeServerLimits}); everything else (direct and topic routing, priority, ack/requeue, restore on close,
 * purge, serialization) runs.
 */
@DisplayName("mongodb:// conformance on mongo-java-server (in-JVM stand-in, not a real MongoDB)")
@ExtendWith(FakeServerLimits.class)
class MongoConformanceFakeBrokerIT extends TransportConformanceKit {
  private static FakeMongoServer server;

  @BeforeAll
  static void startServer() {
    server = new FakeMongoServer();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  protected String brokerUrl() {
    return server.url("kombu_kit");
  }

  @Override
  protected TransportOptions options() {
    // Kombu's one second between empty polls would make every "nothing more arrives" check slow.
    return TransportOptions.of(Map.of("polling_interval", 0.01));
  }

  @Override
  protected Duration receiveTimeout() {
    return Duration.ofSeconds(5);
  }
}
