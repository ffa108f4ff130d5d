package io.kombu.pools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The stress test on memory://: 32 threads publish through a producer pool limited to 8. The unit-test default is 2,000
 * publishes per thread (64,000 messages) to keep the build quick on a loaded machine; {@code
 * -Dkombu.pools.stress.perThread=10000} runs the full 320,000.
 */
@DisplayName("Producer pool under stress on memory://")
class ProducerPoolStressTest {
  @Test
  @DisplayName("32 threads publish through 8 pooled producers; every message arrives exactly once and nothing leaks")
  void thirtyTwoThreadsEightProducers() throws Exception {
    int perThread = ProducerPoolStress.perThread("kombu.pools.stress.perThread", 2_000);
    ProducerPoolStress.Result result =
        ProducerPoolStress.run("memory://", 32, perThread, 8, Duration.ofMinutes(5));
    assertThat(result.messages()).isEqualTo(32 * perThread);
  }
}
