package io.kombu.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The stress test against real brokers: 32 threads × 10,000 publishes (override with {@code
 * -Dkombu.pools.stress.it.perThread=N}) through a producer pool limited to 8, then consumption of all 320,000 messages.
 */
@DisplayName("Producer pool under stress on real brokers")
class ProducerPoolStressIT {
  private static final int PER_THREAD = ProducerPoolStress.perThread("kombu.pools.stress.it.perThread", 10_000);

  @Test
  @RequiresBroker("redis")
  @DisplayName("Redis: 32 threads through 8 pooled producers; every message arrives exactly once and nothing leaks")
  void redis() throws Exception {
    ProducerPoolStress.Result result =
        ProducerPoolStress.run(TestBrokers.url("redis"), 32, PER_THREAD, 8, Duration.ofMinutes(10));
    assertThat(result.messages()).isEqualTo(32 * PER_THREAD);
  }

  @Test
  @RequiresBroker("amqp")
  @DisplayName("RabbitMQ: 32 threads through 8 pooled producers; every message arrives exactly once and nothing leaks")
  void rabbitmq() throws Exception {
    ProducerPoolStress.Result result =
        ProducerPoolStress.run(TestBrokers.url("amqp"), 32, PER_THREAD, 8, Duration.ofMinutes(10));
    assertThat(result.messages()).isEqualTo(32 * PER_THREAD);
  }
}
