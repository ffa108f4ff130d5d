package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Channel;
import io.kombu.ConnectionException;
import io.kombu.OperationalException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.core.internal.messaging.KombuConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ensure retries operations across reconnects")
class EnsureTest {
  private final TestConnections env = new TestConnections();

  private static PublishOptions retrying(RetryPolicy policy) {
    return PublishOptions.builder().routingKey("q").retry(policy).build();
  }

  @Test
  @DisplayName("a publish with a retry policy reconnects after a connection error and goes through")
  void publishReconnects() {
    KombuConnection conn = env.connect("fake://h");
    conn.defaultChannel().declare(Queue.of("q"));
    Producer producer = conn.producer();
    env.broker.failNextPublishes = 1;
    producer.publish("hello", retrying(RetryPolicy.ENSURE_DEFAULTS));
    assertThat(env.broker.size("q")).isEqualTo(1);
    assertThat(env.broker.connectAttempts).containsExactly("h", "h");
    assertThat(producer.channel().isOpen()).isTrue();
  }

  @Test
  @DisplayName("a publish without a retry policy throws the connection error")
  void publishWithoutRetryThrows() {
    KombuConnection conn = env.connect("fake://h");
    env.broker.failNextPublishes = 1;
    assertThatThrownBy(() -> conn.producer().publish("x", PublishOptions.routingKey("q")))
        .isInstanceOf(ConnectionException.class);
  }

  @Test
  @DisplayName("a recoverable channel error opens a new channel and runs the operation again")
  void channelErrorNewChannel() {
    KombuConnection conn = env.connect("fake://h");
    conn.defaultChannel().declare(Queue.of("q"));
    env.broker.failNextPublishes = 1;
    env.broker.failWithChannelError = true;
    conn.producer().publish("x", retrying(RetryPolicy.ENSURE_DEFAULTS));
    assertThat(env.broker.size("q")).isEqualTo(1);
    assertThat(env.broker.connectAttempts).containsExactly("h");
  }

  @Test
  @DisplayName("a virtual-style transport gets one reconnect per call; a second failure gives up with the original message")
  void givesUpAfterReconnect() {
    KombuConnection conn = env.connect("fake://h");
    env.broker.failNextPublishes = 5;
    assertThatThrownBy(() -> conn.producer().publish("x", retrying(RetryPolicy.ENSURE_DEFAULTS)))
        .isInstanceOf(OperationalException.class).hasMessage("connection reset by the fake broker");
  }

  @Test
  @DisplayName("maxRetries 0 gives up at the first failure")
  void maxRetriesZero() {
    KombuConnection conn = env.connect("fake://h");
    env.broker.failNextPublishes = 1;
    RetryPolicy once = RetryPolicy.ENSURE_DEFAULTS.toBuilder().maxRetries(0).build();
    assertThatThrownBy(() -> conn.producer().publish("x", retrying(once))).isInstanceOf(OperationalException.class);
  }

  @Test
  @DisplayName("ensure after a connection error fails over to the next alternate and hands the new channel to the operation")
  void ensureFailsOver() {
    KombuConnection conn = env.connect("fake://a;fake://b");
    List<Integer> channelIds = new ArrayList<>();
    String result = conn.ensure((Channel ch) -> {
      channelIds.add(ch.channelId());
      if (channelIds.size() == 1) {
        throw new ConnectionException("lost");
      }
      return "done";
    }, RetryPolicy.ENSURE_DEFAULTS);
    assertThat(result).isEqualTo("done");
    assertThat(env.broker.connectAttempts).containsExactly("a", "b");
    assertThat(channelIds).hasSize(2).doesNotHaveDuplicates();
    assertThat(conn.asUri()).contains("b");
  }

  @Test
  @DisplayName("fatal errors from the operation are not retried")
  void fatalNotRetried() {
    KombuConnection conn = env.connect("fake://h");
    List<Integer> calls = new ArrayList<>();
    assertThatThrownBy(() -> conn.ensure(ch -> {
      calls.add(1);
      throw new IllegalStateException("bug");
    }, RetryPolicy.ENSURE_DEFAULTS)).isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasSize(1);
  }
}
