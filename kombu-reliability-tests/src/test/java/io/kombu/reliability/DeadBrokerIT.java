package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kombu.ConfigurationException;
import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.OperationalException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Brokers that are gone, die during the handshake or hang: every call returns within its limits with a clear
 * {@link OperationalException}, a retry policy gives up after exactly the attempts it allows, and a failover list reaches
 * the alternate that works. The limits here are generous safety nets against hanging, not speed assertions.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@DisplayName("Dead, dying and hung brokers")
class DeadBrokerIT {
  private static final Duration HANG_LIMIT = Duration.ofSeconds(90);
  private static final String DEAD = "amqp://guest:" + Secrets.PASSWORD + "@127.0.0.1:1//";
  private static final RetryPolicy FAST_THREE = RetryPolicy.builder().maxRetries(3).intervalStart(Duration.ofMillis(20))
      .intervalStep(Duration.ofMillis(20)).intervalMax(Duration.ofMillis(50)).build();

  @Test
  @DisplayName("publishing to a closed port fails in time with a ConnectionException that names the address")
  void publishToClosedPort() {
    Throwable thrown = assertTimeoutPreemptively(HANG_LIMIT, () -> catchThrowable(() -> {
      try (Connection conn = Kombu.connect(DEAD); Producer producer = conn.producer()) {
        producer.publish(Map.of("x", 1), PublishOptions.routingKey("rel.dead"));
      }
    }));

    assertThat(thrown).isInstanceOf(OperationalException.class).hasMessageContaining("127.0.0.1:1");
    Secrets.assertAbsent("the exception", LogCapture.printed(thrown));
  }

  @Test
  @DisplayName("ensureConnection with maxRetries=3 tries exactly four times, tells the listener three times, then gives up")
  void ensureConnectionGivesUpAsThePolicySays() {
    try (FakeBroker broker = FakeBroker.start(FakeBroker.Behaviour.CLOSE_AT_ONCE);
        Connection conn = Kombu.connect("amqp://guest:" + Secrets.PASSWORD + "@127.0.0.1:" + broker.port() + "//")) {
      AtomicInteger told = new AtomicInteger();
      Throwable thrown = assertTimeoutPreemptively(HANG_LIMIT,
          () -> catchThrowable(() -> conn.ensureConnection(FAST_THREE, (error, wait) -> told.incrementAndGet())));

      assertThat(thrown).isInstanceOf(OperationalException.class);
      Secrets.assertAbsent("the exception", LogCapture.printed(thrown));
      assertThat(told.get()).as("retries announced").isEqualTo(3);
      assertThat(broker.attempts()).as("TCP connection attempts").isEqualTo(4);
    }
  }

  @Test
  @DisplayName("publish with a retry policy to a broker that was never reachable makes exactly the attempts the policy allows")
  void publishWithRetryGivesUp() {
    try (FakeBroker broker = FakeBroker.start(FakeBroker.Behaviour.CLOSE_AT_ONCE)) {
      String url = "amqp://guest:" + Secrets.PASSWORD + "@127.0.0.1:" + broker.port() + "//";
      Throwable thrown = assertTimeoutPreemptively(HANG_LIMIT, () -> catchThrowable(() -> {
        try (Connection conn = Kombu.connect(url)) {
          conn.producer().publish(Map.of("x", 1), PublishOptions.builder().routingKey("rel.dead").retry(FAST_THREE).build());
        }
      }));

      assertThat(thrown).isInstanceOf(OperationalException.class);
      Secrets.assertAbsent("the exception", LogCapture.printed(thrown));
      // The policy also governs the first connect: maxRetries=3 means exactly four TCP attempts.
      assertThat(broker.attempts()).as("TCP connection attempts").isEqualTo(FAST_THREE.maxRetries() + 1);
    }
  }

  @Test
  @DisplayName("a broker that accepts TCP and never answers fails the connect within the limits")
  void hungBrokerTimesOut() {
    try (FakeBroker broker = FakeBroker.start(FakeBroker.Behaviour.SILENT);
        Connection conn = Kombu.connect(
            "amqp://guest:" + Secrets.PASSWORD + "@127.0.0.1:" + broker.port() + "//?connect_timeout=2")) {
      Throwable thrown = assertTimeoutPreemptively(HANG_LIMIT, () -> catchThrowable(conn::connect));

      assertThat(thrown).isInstanceOfAny(OperationalException.class, KombuTimeoutException.class);
      assertThat(broker.attempts()).isPositive();
      Secrets.assertAbsent("the exception", LogCapture.printed(thrown));
    }
  }

  @Test
  @RequiresBroker("amqp")
  @DisplayName("a failover list whose first broker is down works through the alternate")
  void failoverToTheAlternate() {
    String name = "rel.failover." + UUID.randomUUID().toString().substring(0, 8);
    try (Connection conn = Kombu.connect("amqp://guest:guest@127.0.0.1:1//;amqp://guest:guest@127.0.0.1:5672//")) {
      assertTimeoutPreemptively(HANG_LIMIT, () -> conn.ensureConnection(FAST_THREE));
      assertThat(conn.asUri()).contains("127.0.0.1:5672");
      conn.defaultChannel().declare(Queue.builder(name).durable(false).build());
      conn.producer().publish(Map.of("via", "alternate"), PublishOptions.routingKey(name));
      Poll.until("the message on the alternate", Duration.ofSeconds(30),
          () -> conn.defaultChannel().queueDeclarePassive(name).messageCount() == 1);
      Optional<Message> got = conn.defaultChannel().get(name);
      assertThat(got).get().extracting(Message::decode).isEqualTo(Map.of("via", "alternate"));
      got.get().ack();
      conn.defaultChannel().queueDelete(name, false, false);
    }
  }

  @Test
  @RequiresBroker("amqp")
  @DisplayName("a wrong password is refused by RabbitMQ with an exception that does not repeat it")
  void wrongPasswordIsNotRepeated() {
    Throwable thrown = assertTimeoutPreemptively(HANG_LIMIT, () -> catchThrowable(() -> {
      try (Connection conn = Kombu.connect("amqp://guest:" + Secrets.PASSWORD + "@127.0.0.1:5672//")) {
        conn.connect();
      }
    }));

    assertThat(thrown).isInstanceOf(KombuException.class);
    Secrets.assertAbsent("the exception", LogCapture.printed(thrown));
  }

  @Test
  @DisplayName("a consumer loop retrying a dead broker logs every failure without the password, and stops on request")
  void consumerLoopRetryingADeadBroker() {
    String marker = "Broker connection error";
    int before = occurrences(LogCapture.everything(), marker);
    ConsumerLoop loop = ConsumerLoop.builder(Kombu.connect(DEAD))
        .consumers(ch -> List.of(ConsumerOptions.builder(Queue.of("rel.dead.loop")).handler((b, m) -> m.ack()).build()))
        .build();
    try (RunningLoop running = RunningLoop.start(loop, "rel-dead-loop")) {
      Poll.until("two logged connection failures", HANG_LIMIT,
          () -> occurrences(LogCapture.everything(), marker) >= before + 2);
      assertThat(running.isRunning()).isTrue();
    }
    Secrets.assertAbsent("the captured log", LogCapture.everything());
  }

  @Test
  @DisplayName("an unsupported login method with a password is refused without repeating the password")
  void unsupportedLoginMethod() {
    Throwable thrown = assertTimeoutPreemptively(HANG_LIMIT, () -> catchThrowable(() -> {
      try (Connection conn = Kombu.connect(DEAD + "?login_method=EVIL")) {
        conn.connect();
      }
    }));

    assertThat(thrown).isInstanceOf(ConfigurationException.class).hasMessageContaining("EVIL");
    Secrets.assertAbsent("the exception", LogCapture.printed(thrown));
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      count++;
    }
    return count;
  }

  @AfterAll
  static void nothingLoggedTheSecrets() {
    Secrets.assertAbsent("the captured log", LogCapture.everything());
  }
}
