package io.kombu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("kombu commands against real brokers")
class BrokerCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same checks for each broker. */
  abstract static class Checks {
    abstract String url();

    @Test
    @DisplayName("publish, queue, consume and purge work end to end")
    void publishQueueConsumePurge() throws Exception {
      String exchange = "cli.it.x." + UUID.randomUUID();
      String queue = "cli.it.q." + UUID.randomUUID();
      CliRun published = CliRun.of("publish", url(), "--exchange", exchange, "--type", "direct", "--routing-key", "rk",
          "--declare-queue", queue, "--json", "{\"n\": 7}", "--header", "h=v", "--priority", "3", "--count", "3");
      assertThat(published.status()).as(published.err()).isZero();
      try {
        CliRun counted = CliRun.of("queue", url(), queue);
        assertThat(counted.status()).as(counted.err()).isZero();
        assertThat(counted.out()).contains("messages: 3");

        CliRun consumed = CliRun.of("consume", url(), "--queue", queue, "--count", "1", "--timeout", "10");
        assertThat(consumed.status()).as(consumed.err()).isZero();
        JsonNode line = JSON.readTree(consumed.out().strip());
        assertThat(line.get("body").get("n").asInt()).isEqualTo(7);
        assertThat(line.get("headers").get("h").asText()).isEqualTo("v");
        assertThat(line.get("properties").get("priority").asInt()).isEqualTo(3);
        assertThat(line.get("delivery_info").get("routing_key").asText()).isEqualTo("rk");

        CliRun purged = CliRun.of("purge", url(), queue);
        assertThat(purged.status()).as(purged.err()).isZero();
        assertThat(purged.out()).contains("Purged 2 messages");
        assertThat(CliRun.of("consume", url(), "--queue", queue, "--count", "1", "--timeout", "0.5").status())
            .isEqualTo(ExitCodes.TIMEOUT);
      } finally {
        try (io.kombu.Connection conn = Connections.open(url())) {
          conn.defaultChannel().queueDelete(queue, false, false);
          conn.defaultChannel().exchangeDelete(exchange, false);
        }
      }
    }

    @Test
    @DisplayName("demo runs the main job on the broker and cleans up after itself")
    void demo() {
      CliRun run = CliRun.of("demo", "--url", url(), "--messages", "300");

      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("Consumed and acked 300 messages")
          .contains("application/json=100", "application/x-msgpack=100", "application/x-yaml=100");
      assertThat(CliRun.of("queue", url(), "kombu.demo.hipri").status()).as("queue deleted").isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    @DisplayName("bench --compare-raw --json measures Kombu and the raw driver")
    void benchComparesRaw() throws Exception {
      CliRun run = CliRun.of("bench", url(), "--messages", "200", "--warmup", "50", "--latency-samples", "20",
          "--compare-raw", "--json");

      assertThat(run.status()).as(run.err()).isZero();
      JsonNode root = JSON.readTree(run.out());
      assertThat(root.get("results")).hasSize(2);
      assertThat(root.get("results").get(1).get("name").asText()).startsWith("raw ");
      assertThat(root.get("ratios").get("consume").asDouble()).isPositive();
      assertThat(root.get("url").asText()).doesNotContain(":guest@");
    }
  }

  @Nested
  @RequiresBroker("redis")
  @DisplayName("on Redis")
  class OnRedis extends Checks {
    @Override
    String url() {
      return TestBrokers.url("redis");
    }
  }

  @Nested
  @RequiresBroker("amqp")
  @DisplayName("on RabbitMQ")
  class OnRabbit extends Checks {
    @Override
    String url() {
      return TestBrokers.url("amqp");
    }
  }

  @Test
  @DisplayName("an unreachable broker is one line, status 1, without the password, and fails fast")
  void unreachableBroker() {
    for (String url : new String[] {"amqp://guest:s3cretpw@127.0.0.1:1//", "redis://:s3cretpw@127.0.0.1:1/0"}) {
      long start = System.nanoTime();
      CliRun run = CliRun.of("queue", url, "q");

      assertThat(run.status()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err()).startsWith("kombu: error: ").doesNotContain("s3cretpw").doesNotContain("\tat ");
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(System.nanoTime() - start).as("no retry loop").isLessThan(5_000_000_000L);
    }
  }
}
