package io.kombu.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@DisplayName("@RequiresBroker")
class RequiresBrokerExtensionTest {
  private final Map<String, String> env = new ConcurrentHashMap<>();

  @BeforeEach
  void isolateFromTheMachine() {
    TestBrokers.environment(env::get);
  }

  @AfterEach
  void restore() {
    System.clearProperty("kombu.it.redis.url");
    System.clearProperty("kombu.it.amqp.url");
    System.clearProperty(TestBrokers.REQUIRED_PROPERTY);
    TestBrokers.environment(System::getenv);
  }

  @Test
  @DisplayName("an unreachable broker skips an annotated class when brokers are not required")
  void unreachableSkipsClass() throws IOException {
    int port = FakeServer.closedPort();
    System.setProperty("kombu.it.redis.url", "redis://127.0.0.1:" + port + "/15");

    Events containers = run(NeedsRedisClass.class).containerEvents();

    containers.assertStatistics(s -> s.skipped(1).failed(0));
    assertThat(containers.skipped().stream().map(e -> e.getPayload(String.class).orElse("")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("redis at redis://127.0.0.1:" + port + "/15 is not reachable: ");
  }

  @Test
  @DisplayName("an unreachable broker skips an annotated method and leaves its siblings running")
  void unreachableSkipsMethod() throws IOException {
    System.setProperty("kombu.it.redis.url", "redis://127.0.0.1:" + FakeServer.closedPort() + "/15");

    run(NeedsRedisMethod.class).testEvents().assertStatistics(s -> s.skipped(1).succeeded(1).failed(0));
  }

  @Test
  @DisplayName("an unreachable broker fails the class when KOMBU_IT_REQUIRED=true, saying how to start brokers")
  void unreachableFailsWhenRequiredByEnvironment() throws IOException {
    System.setProperty("kombu.it.redis.url", "redis://127.0.0.1:" + FakeServer.closedPort() + "/15");
    env.put("KOMBU_IT_REQUIRED", "true");

    Events containers = run(NeedsRedisClass.class).containerEvents();

    containers.assertStatistics(s -> s.skipped(0).failed(1));
    containers.assertThatEvents()
        .haveExactly(
            1,
            event(
                finishedWithFailure(
                    cause(instanceOf(ExtensionConfigurationException.class)),
                    message(m -> m.contains("is not reachable")
                        && m.contains("scripts/brokers.sh")
                        && m.contains("KOMBU_IT_REDIS_URL")))));
  }

  @Test
  @DisplayName("an unreachable broker fails an annotated method when -Dkombu.it.required=true")
  void unreachableFailsMethodWhenRequiredByProperty() throws IOException {
    System.setProperty("kombu.it.redis.url", "redis://127.0.0.1:" + FakeServer.closedPort() + "/15");
    System.setProperty(TestBrokers.REQUIRED_PROPERTY, "true");

    run(NeedsRedisMethod.class).testEvents().assertStatistics(s -> s.skipped(0).succeeded(1).failed(1));
  }

  @Test
  @DisplayName("a Redis that answers PING with +PONG lets the tests run, even when brokers are required")
  void reachableRedisRuns() throws IOException {
    try (FakeServer redis = FakeServer.redisAnswering("+PONG")) {
      System.setProperty("kombu.it.redis.url", "redis://127.0.0.1:" + redis.port() + "/15");
      System.setProperty(TestBrokers.REQUIRED_PROPERTY, "true");

      run(NeedsRedisClass.class).testEvents().assertStatistics(s -> s.succeeded(1).skipped(0).failed(0));
    }
  }

  @Test
  @DisplayName("a server that accepts connections but does not answer PING as Redis counts as unreachable")
  void wrongServiceIsUnreachable() throws IOException {
    try (FakeServer notRedis = FakeServer.redisAnswering("HTTP/1.1 400 Bad Request")) {
      System.setProperty("kombu.it.redis.url", "redis://127.0.0.1:" + notRedis.port() + "/15");

      Events containers = run(NeedsRedisClass.class).containerEvents();

      containers.assertStatistics(s -> s.skipped(1));
      assertThat(containers.skipped().stream().map(e -> e.getPayload(String.class).orElse("")))
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("expected +PONG");
    }
  }

  @Test
  @DisplayName("an AMQP broker is recognised by its answer to the protocol header")
  void reachableAmqpRuns() throws IOException {
    byte[] brokerHeader = {'A', 'M', 'Q', 'P', 0, 0, 9, 1};
    try (FakeServer amqp = new FakeServer(8, request -> brokerHeader)) {
      System.setProperty("kombu.it.amqp.url", "amqp://guest:guest@127.0.0.1:" + amqp.port() + "//");
      System.setProperty(TestBrokers.REQUIRED_PROPERTY, "true");
      run(NeedsAmqpClass.class).testEvents().assertStatistics(s -> s.succeeded(1).skipped(0));
    }
  }

  @Test
  @DisplayName("the skip reason masks the password of the broker URL")
  void skipReasonMasksPassword() throws IOException {
    System.setProperty("kombu.it.redis.url", "redis://:s3cret@127.0.0.1:" + FakeServer.closedPort() + "/15");

    Events containers = run(NeedsRedisClass.class).containerEvents();

    assertThat(containers.skipped().stream().map(e -> e.getPayload(String.class).orElse("")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("redis://:****@127.0.0.1:")
        .doesNotContain("s3cret");
  }

  @Test
  @DisplayName("a Redis that needs a password gets AUTH with the URL's password before PING")
  void redisAuthUsesUrlPassword() throws IOException {
    String expectedAuth = "*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n";
    String ping = "*1\r\n$4\r\nPING\r\n";
    Map<String, String> seen = new ConcurrentHashMap<>();
    try (FakeServer redis =
        new FakeServer(
            java.util.List.of(
                new FakeServer.Step(
                    expectedAuth.length(),
                    request -> {
                      seen.put("auth", new String(request, StandardCharsets.US_ASCII));
                      return "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
                    }),
                new FakeServer.Step(
                    ping.length(),
                    request -> {
                      seen.put("ping", new String(request, StandardCharsets.US_ASCII));
                      return "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
                    })))) {
      System.setProperty("kombu.it.redis.url", "redis://:pw@127.0.0.1:" + redis.port() + "/15");

      BrokerAvailability availability = TestBrokers.availability("redis");

      assertThat(availability.reachable()).as(availability.describe()).isTrue();
      assertThat(seen).containsEntry("auth", expectedAuth).containsEntry("ping", ping);
    }
  }

  private static EngineTestKitResults run(Class<?> testClass) {
    return new EngineTestKitResults(EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute());
  }

  /** Shortens the EngineTestKit calls; the engine's own container never skips or fails, so counts are the class's. */
  private record EngineTestKitResults(org.junit.platform.testkit.engine.EngineExecutionResults results) {
    Events containerEvents() {
      return results.containerEvents();
    }

    Events testEvents() {
      return results.testEvents();
    }
  }

  // Run only through EngineTestKit above: surefire skips nested classes (its default excludes **/*$*).

  @RequiresBroker("redis")
  static class NeedsRedisClass {
    @Test
    void usesRedis() {}
  }

  static class NeedsRedisMethod {
    @Test
    @RequiresBroker("redis")
    void usesRedis() {}

    @Test
    void needsNothing() {}
  }

  @RequiresBroker("amqp")
  static class NeedsAmqpClass {
    @Test
    void usesAmqp() {}
  }
}
