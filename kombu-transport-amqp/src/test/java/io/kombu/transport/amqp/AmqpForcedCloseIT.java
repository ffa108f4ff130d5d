package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConnectionException;
import io.kombu.Connection;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

@RequiresBroker("amqp")
@EnabledIf("rabbitmqctlWorks")
@DisplayName("A connection the broker closes is reported as recoverable, and Connection.ensure reconnects and resumes")
class AmqpForcedCloseIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  static boolean rabbitmqctlWorks() {
    try {
      rabbitmqctl("status");
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  private static String rabbitmqctl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("rabbitmqctl " + args[0] + " did not finish");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError("rabbitmqctl " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run rabbitmqctl: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** @return the broker's process ids of connections whose client properties carry our connection name */
  private static List<String> brokerNamesOf(String connectionName) {
    return rabbitmqctl("list_connections", "-q", "--no-table-headers", "pid", "client_properties").lines()
        .filter(line -> line.contains(connectionName))
        .map(line -> line.substring(0, line.indexOf('\t')))
        .toList();
  }

  @Test
  @DisplayName("rabbitmqctl close_connection: the next call fails with ConnectionException (320), ensure recovers")
  void forcedCloseThenEnsure() {
    String name = "kombu-it-" + UUID.randomUUID().toString().substring(0, 8);
    String queueName = name + "-q";
    try (Connection connection = Kombu.connect(TestBrokers.url("amqp"), TransportOptions.of(Map.of("connection_name", name)))) {
      Queue queue = Queue.builder(queueName).durable(false).build();
      connection.defaultChannel().declare(queue);
      connection.defaultChannel().producer().publish("before", io.kombu.PublishOptions.routingKey(queueName));

      long deadline = System.nanoTime() + WAIT.toNanos();
      List<String> brokerNames = brokerNamesOf(name);
      while (brokerNames.isEmpty() && System.nanoTime() < deadline) {
        brokerNames = brokerNamesOf(name);
      }
      assertThat(brokerNames).as("RabbitMQ lists our connection").hasSize(1);
      io.kombu.Channel before = connection.channel();
      rabbitmqctl("close_connection", brokerNames.get(0), "kombu-java forced-close test");

      assertThatThrownBy(() -> {
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
          before.queueDeclarePassive(queueName);
        }
      }).isInstanceOf(ConnectionException.class).hasMessageContaining("320");

      connection.ensure(ch -> {
        ch.producer().publish("after", io.kombu.PublishOptions.routingKey(queueName));
        return null;
      }, RetryPolicy.builder().maxRetries(3).intervalStart(Duration.ofMillis(100)).build());

      long until = System.nanoTime() + WAIT.toNanos();
      long count = 0;
      while (count != 2 && System.nanoTime() < until) {
        count = connection.defaultChannel().queueDeclarePassive(queueName).messageCount();
      }
      assertThat(count).as("the message from before the close and the one ensure sent").isEqualTo(2);
      assertThat(connection.isConnected()).isTrue();
    } finally {
      try (Connection cleaner = Kombu.connect(TestBrokers.url("amqp"))) {
        cleaner.defaultChannel().queueDelete(queueName, false, false);
      }
    }
  }
}
