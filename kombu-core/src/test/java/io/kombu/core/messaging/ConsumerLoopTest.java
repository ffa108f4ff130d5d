package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.internal.messaging.KombuConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("ConsumerLoop keeps consuming like Kombu's ConsumerMixin")
class ConsumerLoopTest {
  private final TestConnections env = new TestConnections();
  private final Queue queue = Queue.of("jobs");

  private void publish(KombuConnection conn, Object... bodies) {
    conn.defaultChannel().declare(queue);
    for (Object body : bodies) {
      conn.producer().publish(body, PublishOptions.routingKey("jobs"));
    }
  }

  @Test
  @DisplayName("run(limit, timeout) processes N messages and returns")
  void processesLimit() {
    KombuConnection conn = env.connect("fake://h");
    publish(conn, 1, 2, 3, 4);
    List<Object> seen = new ArrayList<>();
    ConsumerLoop loop = ConsumerLoop.builder(conn).consumers(ch -> List.of(ConsumerOptions.builder(queue)
        .handler((body, m) -> {
          seen.add(body);
          m.ack();
        }).build())).build();
    loop.run(3, Duration.ofSeconds(5));
    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(env.broker.size("jobs")).isEqualTo(1);
  }

  @Test
  @DisplayName("an idle loop throws the timeout once idle for the given time")
  void idleTimeout() {
    KombuConnection conn = env.connect("fake://h");
    publish(conn);
    ConsumerLoop loop = ConsumerLoop.builder(conn)
        .consumers(ch -> List.of(ConsumerOptions.builder(queue).handler((b, m) -> {}).build())).build();
    assertThatThrownBy(() -> loop.run(null, Duration.ofSeconds(3))).isInstanceOf(KombuTimeoutException.class);
  }

  @Test
  @DisplayName("a message that cannot be decoded is logged and acked, and the loop goes on")
  void decodeErrorDoesNotStopLoop() {
    KombuConnection conn = env.connect("fake://h");
    publish(conn);
    conn.producer().publish("{bad".getBytes(), PublishOptions.builder().routingKey("jobs")
        .contentType("application/json").build());
    publish(conn, Map.of("ok", 1));
    List<Object> seen = new ArrayList<>();
    ConsumerLoop loop = ConsumerLoop.builder(conn).consumers(ch -> List.of(ConsumerOptions.builder(queue)
        .handler((body, m) -> {
          seen.add(body);
          m.ack();
        }).build())).build();
    loop.run(2, Duration.ofSeconds(5));
    assertThat(seen).containsExactly(Map.of("ok", 1));
    assertThat(env.broker.size("jobs")).isZero();
  }

  @Test
  @DisplayName("after a connection loss run() reconnects and consumes the rest")
  void reconnectsAfterLoss() {
    KombuConnection conn = env.connect("fake://h");
    publish(conn, 1, 2, 3);
    List<Object> seen = new ArrayList<>();
    List<Integer> revived = new ArrayList<>();
    AtomicReference<ConsumerLoop> ref = new AtomicReference<>();
    ConsumerLoop loop = ConsumerLoop.builder(conn)
        .onConnectionRevived(() -> revived.add(1))
        .onConnectionError((error, interval) -> env.broker.downHosts.clear())
        .consumers(ch -> List.of(ConsumerOptions.builder(queue).handler((body, m) -> {
          seen.add(body);
          m.ack();
          if (seen.size() == 1) {
            env.broker.downHosts.add("h");
          }
          if (seen.size() == 3) {
            ref.get().stop();
          }
        }).build())).build();
    ref.set(loop);
    assertThat(loop.health().state()).isEqualTo(ConsumerLoop.State.NOT_STARTED);
    loop.run();
    assertThat(seen).containsExactly(1, 2, 3);
    assertThat(revived).hasSize(2);
    assertThat(loop.isStopped()).isTrue();
    assertThat(loop.health().state()).isEqualTo(ConsumerLoop.State.STOPPED);
    assertThat(loop.health().restarts()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @DisplayName("a consumers' channel that closed under the loop starts a new round instead of a wait that never ends")
  void closedChannelStartsANewRound() {
    KombuConnection conn = env.connect("fake://h");
    publish(conn, 1, 2);
    List<Object> seen = new ArrayList<>();
    List<io.kombu.Channel> channels = new ArrayList<>();
    AtomicReference<ConsumerLoop> ref = new AtomicReference<>();
    ConsumerLoop loop = ConsumerLoop.builder(conn)
        .safetyInterval(Duration.ofMillis(10))
        .onConsumeReady((c, ch, consumers) -> channels.add(ch))
        .consumers(ch -> List.of(ConsumerOptions.builder(queue).handler((body, m) -> {
          seen.add(body);
          m.ack();
          if (seen.size() == 1) {
            channels.get(0).close();
          } else {
            ref.get().stop();
          }
        }).build())).build();
    ref.set(loop);
    loop.run();
    assertThat(seen).containsExactly(1, 2);
    assertThat(channels).hasSize(2);
    assertThat(loop.health().restarts()).isEqualTo(1);
  }

  @Test
  @DisplayName("health(): consuming, broker unreachable while the transport rides out an outage, consuming again")
  void healthFollowsTheBroker() {
    KombuConnection conn = env.connect("fake://h");
    publish(conn, 1, 2, 3);
    List<ConsumerLoop.Health> seen = new ArrayList<>();
    AtomicReference<ConsumerLoop> ref = new AtomicReference<>();
    ConsumerLoop loop = ConsumerLoop.builder(conn)
        .safetyInterval(Duration.ofMillis(10))
        .onIteration(() -> {
          ConsumerLoop.Health health = ref.get().health();
          seen.add(health);
          if (seen.size() == 3) {
            env.broker.unreachableHosts.add("h");
          } else if (seen.size() == 5) {
            env.broker.unreachableHosts.clear();
          } else if (seen.size() == 7) {
            ref.get().stop();
          }
        })
        .consumers(ch -> List.of(ConsumerOptions.builder(queue).handler((body, m) -> m.ack()).build())).build();
    ref.set(loop);
    loop.run();
    assertThat(seen).extracting(ConsumerLoop.Health::state).containsExactly(
        ConsumerLoop.State.CONSUMING, ConsumerLoop.State.CONSUMING, ConsumerLoop.State.CONSUMING,
        ConsumerLoop.State.BROKER_UNREACHABLE, ConsumerLoop.State.BROKER_UNREACHABLE,
        ConsumerLoop.State.CONSUMING, ConsumerLoop.State.CONSUMING);
    assertThat(seen.get(0).lastProgress()).as("no drain step had ended before the first iteration").isNull();
    assertThat(seen.get(1).lastProgress()).isNotNull();
    assertThat(seen).allSatisfy(h -> assertThat(h.restarts()).isZero());
    assertThat(loop.health().isConsuming()).isFalse();
  }

  @Test
  @DisplayName("stop() from another thread ends run() within a bounded time")
  void stopFromAnotherThread() throws Exception {
    KombuConnection conn = env.connect("fake://h");
    publish(conn);
    CountDownLatch ready = new CountDownLatch(1);
    ConsumerLoop loop = ConsumerLoop.builder(conn)
        .onConsumeReady((c, ch, consumers) -> ready.countDown())
        .consumers(ch -> List.of(ConsumerOptions.builder(queue).handler((b, m) -> {}).build())).build();
    Thread worker = new Thread(loop::run, "consumer-loop-test");
    worker.start();
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    loop.stop();
    worker.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(worker.isAlive()).isFalse();
  }

  @Test
  @DisplayName("the producer publishes over a second connection")
  void producerOnSecondConnection() {
    KombuConnection conn = env.connect("fake://h");
    publish(conn, "ping");
    conn.defaultChannel().declare(Queue.of("replies"));
    ConsumerLoop loop = ConsumerLoop.builder(conn).consumersWithLoop((l, ch) -> List.of(ConsumerOptions.builder(queue)
        .handler((body, m) -> {
          l.producer().publish("pong", PublishOptions.routingKey("replies"));
          m.ack();
        }).build())).build();
    int before = env.broker.connectAttempts.size();
    loop.run(1, Duration.ofSeconds(5));
    assertThat(env.broker.size("replies")).isEqualTo(1);
    assertThat(env.broker.connectAttempts.size() - before).isEqualTo(2);
  }
}
