package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * RabbitMQ faults in the middle of a stream: a producer publishes with publisher confirms and a retry policy while a
 * consumer loop consumes and acks ({@link FaultStream}), and the broker drops both connections ({@code rabbitmqctl close_connection}) or
 * restarts ({@code scripts/brokers.sh restart rabbitmq}). Every publish that returned must be consumed at least once
 * (nothing lost), the loop must resume by itself, and duplicates are counted and logged.
 *
 * <p>The tests run one after the other (the broker is shared); the restart test brings RabbitMQ back even when it fails.
 * Thread-safety: a JUnit test class.
 */
@RequiresBroker("amqp")
@EnabledIf("io.kombu.reliability.BrokerFaults#rabbitmqctlWorks")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("RabbitMQ faults mid-stream lose no confirmed message")
class RabbitFaultIT {
  @Test
  @Order(1)
  @DisplayName("rabbitmqctl close_connection on the producer's and the loop's connections")
  void forcedClose() throws Exception {
    runThrough("close_connection", names -> {
      int closed = BrokerFaults.closeConnections(names.consumer()) + BrokerFaults.closeConnections(names.producer());
      assertThat(closed).as("connections closed by the broker").isGreaterThanOrEqualTo(2);
    });
  }

  @Test
  @Order(2)
  @DisplayName("a RabbitMQ restart (stop_app, start_app)")
  void brokerRestart() throws Exception {
    try {
      runThrough("restart", names -> BrokerFaults.restartRabbitmq());
    } finally {
      BrokerFaults.ensureRabbitmqUp();
    }
  }

  /** Client-provided connection names, to find the connections in {@code rabbitmqctl list_connections}. */
  record Names(String consumer, String producer) {}

  private void runThrough(String fault, Consumer<Names> inject) throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    Names names = new Names("rel-fault-consumer-" + id, "rel-fault-producer-" + id);
    FaultStream.run(fault, TestBrokers.url("amqp"), Map.of("connection_name", names.consumer()),
        Map.of("connection_name", names.producer(), "confirm_publish", true), () -> inject.accept(names),
        FaultStream.Recovery.LOOP_RESTARTS);
  }
}
