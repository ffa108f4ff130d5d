package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.OperationalException;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.core.internal.messaging.KombuConnection;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A retry policy also governs the first connect of a publish or an ensure")
class RetryBeforeFirstConnectTest {
  private final TestConnections env = new TestConnections();

  private static final RetryPolicy THREE_RETRIES = RetryPolicy.builder().maxRetries(3)
      .intervalStart(Duration.ofSeconds(1)).intervalStep(Duration.ofSeconds(1)).build();

  private static PublishOptions retrying(RetryPolicy policy) {
    return PublishOptions.builder().routingKey("q").declare(Queue.of("q")).retry(policy).build();
  }

  @Test
  @DisplayName("a publish to a broker that was never reachable makes exactly maxRetries + 1 attempts, then fails")
  void publishGivesUpAfterThePolicysAttempts() {
    env.broker.downHosts.add("h");
    KombuConnection conn = env.connect("fake://h");
    assertThatThrownBy(() -> conn.producer().publish("x", retrying(THREE_RETRIES)))
        .isInstanceOf(OperationalException.class).hasMessageContaining("connection refused");
    assertThat(env.broker.connectAttempts).hasSize(4);
    assertThat(env.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  @DisplayName("a publish goes through once the broker comes up after two refused connects")
  void publishSucceedsWhenTheBrokerComesUp() {
    env.broker.refuseNextConnects = 2;
    KombuConnection conn = env.connect("fake://h");
    conn.producer().publish("x", retrying(THREE_RETRIES));
    assertThat(env.broker.connectAttempts).hasSize(3);
    assertThat(env.broker.size("q")).isEqualTo(1);
  }

  @Test
  @DisplayName("the producer publishes on the default channel the retry opened")
  void producerFollowsTheChannelTheRetryOpened() {
    env.broker.refuseNextConnects = 1;
    KombuConnection conn = env.connect("fake://h");
    var producer = conn.producer();
    producer.publish("x", retrying(THREE_RETRIES));
    assertThat(producer.channel()).isSameAs(conn.defaultChannel());
    producer.publish("y", PublishOptions.routingKey("q"));
    assertThat(env.broker.size("q")).isEqualTo(2);
    assertThat(env.broker.connectAttempts).hasSize(2);
  }

  @Test
  @DisplayName("ensure on a broker that was never reachable makes exactly maxRetries + 1 attempts")
  void ensureGivesUpAfterThePolicysAttempts() {
    env.broker.downHosts.add("h");
    KombuConnection conn = env.connect("fake://h");
    assertThatThrownBy(() -> conn.ensure(ch -> ch.channelId(), THREE_RETRIES))
        .isInstanceOf(OperationalException.class);
    assertThat(env.broker.connectAttempts).hasSize(4);
  }

  @Test
  @DisplayName("ensure's first connect stops at the policy's timeout")
  void ensureObeysTheTimeout() {
    env.broker.downHosts.add("h");
    KombuConnection conn = env.connect("fake://h");
    RetryPolicy policy = RetryPolicy.builder().intervalStart(Duration.ofSeconds(1)).intervalStep(Duration.ZERO)
        .timeout(Duration.ofSeconds(3)).build();
    assertThatThrownBy(() -> conn.ensure(ch -> ch.channelId(), policy)).isInstanceOf(OperationalException.class);
    // Attempts at t = 0, 1, 2, 3 s are within the timeout; the one at 4 s is past it and is the last.
    assertThat(env.broker.connectAttempts).hasSize(5);
  }

  @Test
  @DisplayName("ensure's first connect fails over to an alternate that is up")
  void ensureFailsOver() {
    env.broker.downHosts.add("a");
    KombuConnection conn = env.connect("fake://a;fake://b");
    int id = conn.ensure(ch -> ch.channelId(), THREE_RETRIES);
    assertThat(id).isPositive();
    assertThat(env.broker.connectAttempts).containsExactly("a", "b");
  }
}
