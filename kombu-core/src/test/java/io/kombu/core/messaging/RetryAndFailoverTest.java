package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConnectionException;
import io.kombu.OperationalException;
import io.kombu.RetryPolicy;
import io.kombu.core.FailoverStrategy;
import io.kombu.core.internal.messaging.KombuConnection;
import io.kombu.core.internal.messaging.RetryIntervals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Connecting retries over time and fails over like Kombu")
class RetryAndFailoverTest {
  private final TestConnections env = new TestConnections();

  private static List<Duration> seconds(long... values) {
    List<Duration> out = new ArrayList<>();
    for (long v : values) {
      out.add(Duration.ofSeconds(v));
    }
    return out;
  }

  @Test
  @DisplayName("default intervals grow 2, 4, ... 30, 32 and then stay at 32 (Kombu's interval_max + interval_start wart)")
  void defaultIntervals() {
    RetryIntervals intervals = new RetryIntervals(RetryPolicy.CONNECTION_DEFAULTS);
    List<Duration> first = IntStream.range(0, 18).mapToObj(i -> intervals.next()).toList();
    assertThat(first).containsExactlyElementsOf(
        seconds(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 32, 32));
  }

  @Test
  @DisplayName("ensureConnection gives up after maxRetries with an OperationalException carrying the original message")
  void maxRetries() {
    env.broker.downHosts.add("h");
    KombuConnection conn = env.connect("fake://h");
    assertThatThrownBy(() -> conn.ensureConnection(RetryPolicy.builder().maxRetries(3).build()))
        .isExactlyInstanceOf(ConnectionException.class).hasMessage("Cannot connect to h: connection refused");
    assertThat(env.broker.connectAttempts).hasSize(4);
    assertThat(env.sleeps).containsExactlyElementsOf(seconds(2, 4, 6));
  }

  @Test
  @DisplayName("errors that are not operational are wrapped so ensureConnection always ends in an OperationalException")
  void operationalOnGiveUp() {
    env.broker.downHosts.add("h");
    KombuConnection conn = env.connect("fake://h");
    assertThatThrownBy(() -> conn.ensureConnection(RetryPolicy.builder().maxRetries(0).build()))
        .isInstanceOf(OperationalException.class);
  }

  @Test
  @DisplayName("the timeout is checked after each failure, before waiting")
  void timeout() {
    env.broker.downHosts.add("h");
    KombuConnection conn = env.connect("fake://h");
    RetryPolicy policy = RetryPolicy.builder().timeout(Duration.ofSeconds(5)).build();
    assertThatThrownBy(() -> conn.ensureConnection(policy)).isInstanceOf(OperationalException.class);
    assertThat(env.sleeps).containsExactlyElementsOf(seconds(2, 4));
  }

  @Test
  @DisplayName("connect() makes two attempts two seconds apart and throws the transport's error")
  void lazyConnectTwoAttempts() {
    env.broker.downHosts.add("h");
    KombuConnection conn = env.connect("fake://h");
    assertThatThrownBy(conn::connect).isExactlyInstanceOf(ConnectionException.class);
    assertThat(env.broker.connectAttempts).containsExactly("h", "h");
    assertThat(env.sleeps).containsExactlyElementsOf(seconds(2));
  }

  @Test
  @DisplayName("round-robin tries the next alternate at once and sleeps only after a full pass")
  void roundRobinFailover() {
    env.broker.downHosts.addAll(List.of("a", "b", "c"));
    KombuConnection conn = env.connect("fake://a;fake://b;fake://c");
    List<Duration> told = new ArrayList<>();
    assertThatThrownBy(() -> conn.ensureConnection(RetryPolicy.builder().maxRetries(5).build(),
        (error, interval) -> told.add(interval))).isInstanceOf(OperationalException.class);
    assertThat(env.broker.connectAttempts).containsExactly("a", "b", "c", "a", "b", "c");
    assertThat(env.sleeps).containsExactlyElementsOf(seconds(0, 0, 2, 0, 0));
    assertThat(told).isEqualTo(env.sleeps);
  }

  @Test
  @DisplayName("failover lands on the first alternate that answers and reports it in asUri")
  void failoverConnects() {
    env.broker.downHosts.addAll(List.of("a", "b"));
    KombuConnection conn = env.connect("fake://a;fake://b;fake://c");
    conn.ensureConnection(RetryPolicy.CONNECTION_DEFAULTS);
    assertThat(conn.isConnected()).isTrue();
    assertThat(conn.asUri()).contains("c");
    assertThat(conn.info()).containsEntry("hostname", "c").containsEntry("failover_strategy", "round-robin");
    conn.close();
  }

  @Test
  @DisplayName("shuffle picks among the alternates")
  void shuffle() {
    env.broker.downHosts.addAll(List.of("a", "b", "c"));
    KombuConnection conn = env.connect("fake://a;fake://b;fake://c", FailoverStrategy.SHUFFLE);
    assertThatThrownBy(() -> conn.ensureConnection(RetryPolicy.builder().maxRetries(20).build()))
        .isInstanceOf(OperationalException.class);
    assertThat(env.broker.connectAttempts).hasSize(21).containsOnly("a", "b", "c");
    assertThat(env.broker.connectAttempts).contains("a", "b", "c");
  }

  @Test
  @DisplayName("a connected connection does not try again, and close is idempotent")
  void connectedIsNoOp() {
    KombuConnection conn = env.connect("fake://h");
    conn.connect();
    conn.ensureConnection(RetryPolicy.CONNECTION_DEFAULTS);
    assertThat(env.broker.connectAttempts).containsExactly("h");
    conn.close();
    conn.close();
    assertThat(conn.isConnected()).isFalse();
  }
}
