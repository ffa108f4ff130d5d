package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.DecodeException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** List items Kombu did not write: they reach the decode-error handler and never stop the consumer. */
@RequiresBroker("redis")
@DisplayName("unreadable list items on Redis")
class RedisPoisonItemIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final String queueName = "poison-" + UUID.randomUUID().toString().substring(0, 8);
  private final String garbage = "not json " + queueName;
  private final Queue queue = Queue.builder(queueName).durable(false).build();
  private JedisPooled redis;

  @BeforeEach
  void setUp() {
    redis = RedisTestSupport.client();
  }

  @AfterEach
  void tearDown() {
    RedisTestSupport.deleteKeys(redis, queueName + "*", "_kombu.binding." + queueName + "*");
    redis.close();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }

  private boolean unackedMentionsGarbage() {
    return redis.hgetAll("unacked").values().stream().anyMatch(v -> v.contains(garbage));
  }

  @Test
  @DisplayName("a ConsumerLoop with the default handler logs and drops the item, keeps running and gets the next message")
  void loopSurvivesGarbage() throws Exception {
    List<Object> handled = new CopyOnWriteArrayList<>();
    AtomicReference<Throwable> ended = new AtomicReference<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    // slf4j-simple writes to whatever System.err is at the time of each line, so a tee sees the loop's log.
    System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      conn.defaultChannel().declare(queue);
      redis.lpush(queueName, garbage);
      conn.producer().publish(Map.of("good", 1), PublishOptions.routingKey(queueName));
      ConsumerLoop loop = ConsumerLoop.builder(conn).safetyInterval(Duration.ofMillis(100))
          .consumers(ch -> List.of(ConsumerOptions.builder(queue).prefetchCount(1)
              .handler((body, message) -> {
                handled.add(body);
                message.ack();
              }).build()))
          .build();
      Thread runner = new Thread(() -> {
        try {
          loop.run();
        } catch (Throwable t) {
          ended.set(t);
        }
      }, "poison-loop");
      runner.start();
      try {
        await("the good message", () -> !handled.isEmpty() || ended.get() != null);
        assertThat(ended.get()).as("the loop ended").isNull();
        assertThat(runner.isAlive()).isTrue();
        assertThat(handled).containsExactly(Map.of("good", 1));
        await("the unacked entry of the garbage to be settled", () -> !unackedMentionsGarbage());
      } finally {
        loop.stop();
        runner.join(WAIT.toMillis());
      }
      assertThat(redis.llen(queueName)).isZero();
      assertThat(unackedMentionsGarbage()).isFalse();
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Can't decode message body")
        .contains("not valid JSON");
  }

  @Test
  @DisplayName("a requeued item goes back byte for byte; an acknowledged one leaves nothing in unacked")
  void requeueAndAck() {
    redis.lpush(queueName, garbage);
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      conn.defaultChannel().declare(queue);
      Message first = conn.defaultChannel().get(queueName).orElseThrow();
      assertThat(first.errors()).singleElement().isInstanceOf(DecodeException.class);
      assertThat(first.body()).isEqualTo(garbage.getBytes(StandardCharsets.UTF_8));
      assertThat(first.contentType()).isNull();
      assertThat(unackedMentionsGarbage()).as("held in unacked while unsettled").isTrue();
      first.reject(true);
      assertThat(redis.lrange(queueName, 0, -1)).containsExactly(garbage);
      assertThat(unackedMentionsGarbage()).isFalse();

      Message second = conn.defaultChannel().get(queueName).orElseThrow();
      second.ack();
    }
    assertThat(redis.llen(queueName)).isZero();
    assertThat(unackedMentionsGarbage()).isFalse();
  }

  @Test
  @DisplayName("an unsettled item is put back unchanged when its connection closes")
  void restoredOnClose() {
    redis.lpush(queueName, garbage);
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      conn.defaultChannel().declare(queue);
      assertThat(conn.defaultChannel().get(queueName)).isPresent();
    }
    assertThat(redis.lrange(queueName, 0, -1)).containsExactly(garbage);
    assertThat(unackedMentionsGarbage()).isFalse();
  }

  /** Writes to two streams. Not thread-safe beyond what the wrapping PrintStream provides. */
  private static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
