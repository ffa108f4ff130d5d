package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Batch publish (one pipeline per batch) and prefetch batching (one script per batch) against real Redis. */
@RequiresBroker("redis")
@DisplayName("batch publish and prefetch batching on Redis")
class RedisBatchIT {
  private final String prefix = "batch-" + UUID.randomUUID().toString().substring(0, 8);
  private JedisPooled redis;

  @BeforeEach
  void setUp() {
    redis = RedisTestSupport.client();
  }

  @AfterEach
  void tearDown() {
    RedisTestSupport.deleteKeys(redis, prefix + "*", "_kombu.binding." + prefix + "*");
    redis.close();
  }

  private static int number(Object body) {
    return ((Number) ((Map<?, ?>) body).get("n")).intValue();
  }

  private static void drainUntil(Connection conn, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        conn.drainEvents(Duration.ofMillis(500));
      } catch (KombuTimeoutException e) {
        // nothing within half a second: check the deadline and drain again
      }
    }
  }

  @Test
  @DisplayName("10,000 messages published in batches of 100 are all consumed once, in order, with prefetch 100")
  void tenThousandInBatches() {
    String queue = prefix + ".q";
    List<Integer> got = new ArrayList<>();
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      conn.defaultChannel().declare(Queue.of(queue));
      Producer producer = conn.producer();
      PublishOptions options = PublishOptions.routingKey(queue);
      for (int batch = 0; batch < 100; batch++) {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          bodies.add(Map.of("n", batch * 100 + i));
        }
        producer.publishAll(bodies, options);
      }
      assertThat(redis.llen(queue)).isEqualTo(10_000);

      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(100)
          .handler((body, m) -> {
            got.add(number(body));
            m.ack();
          }).build())) {
        drainUntil(conn, () -> got.size() >= 10_000);
      }
    }
    assertThat(got).hasSize(10_000);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      expected.add(i);
    }
    assertThat(got).isEqualTo(expected);
    assertThat(redis.llen(queue)).isZero();
    assertThat(redis.hlen("unacked")).as("every ack settled by the time the connection closed").isZero();
  }

  @Test
  @DisplayName("acked messages are never redelivered by the visibility sweep, although acks settle lazily")
  void lazyAcksAreNotRestoredBySweep() {
    String queue = prefix + ".lazy";
    TransportOptions fastSweep = TransportOptions.of(Map.of("visibility_timeout", 1, "unacked_restore_throttle", 0));
    List<Integer> got = new ArrayList<>();
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"), fastSweep)) {
      conn.defaultChannel().declare(Queue.of(queue));
      conn.producer().publishAll(List.of(0, 1, 2, 3, 4), PublishOptions.routingKey(queue));
      try (Consumer consumer = conn.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(10)
          .handler((body, m) -> {
            got.add(((Number) body).intValue());
            m.ack();
          }).build())) {
        // Keep consuming for three visibility timeouts: every empty poll sweeps, so a restored ack would show up here.
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) {
          try {
            conn.drainEvents(Duration.ofMillis(300));
          } catch (KombuTimeoutException e) {
            // nothing new: keep sweeping until the deadline
          }
        }
      }
    }
    assertThat(got).containsExactly(0, 1, 2, 3, 4);
    assertThat(redis.hlen("unacked")).isZero();
  }

  @Test
  @DisplayName("a batch with mixed priorities lands in each priority bucket in publish order")
  void batchUsesPriorityBuckets() {
    String queue = prefix + ".prio";
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      conn.defaultChannel().declare(Queue.of(queue));
      conn.producer().publishAll(List.of("a", "b"), PublishOptions.builder().routingKey(queue).priority(9).build());
      conn.producer().publishAll(List.of("c", "d"), PublishOptions.builder().routingKey(queue).build());
      Channel ch = conn.channel();
      List<Object> bodies = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Message m = ch.get(queue, true, null).orElseThrow();
        bodies.add(m.decode());
      }
      assertThat(bodies).containsExactly("c", "d", "a", "b");
    }
    assertThat(redis.llen(queue + "\u0006\u00169")).isZero();
  }

  @Test
  @DisplayName("closing the channel with a full prefetch buffer puts every message back in Redis, none lost")
  void closeWithFullBufferLosesNothing() {
    String queue = prefix + ".buf";
    List<Message> got = new ArrayList<>();
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      conn.defaultChannel().declare(Queue.of(queue));
      List<Integer> bodies = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        bodies.add(i);
      }
      conn.producer().publishAll(bodies, PublishOptions.routingKey(queue));
      Channel ch = conn.channel();
      Consumer consumer = ch.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(100)
          .handler((body, m) -> got.add(m)).build());
      drainUntil(conn, () -> got.size() >= 1);
      got.get(0).ack();
      // One message delivered and acked, 99 taken into the channel's buffer and recorded unacked in Redis.
      assertThat(redis.llen(queue)).isEqualTo(50);
      assertThat(redis.hlen("unacked")).isGreaterThanOrEqualTo(99);
      consumer.close();
      ch.close();
      assertThat(redis.llen(queue)).isEqualTo(149);
    }
    assertThat(redis.hlen("unacked")).isZero();
    List<String> left = redis.lrange(queue, 0, -1);
    Set<String> numbers = new HashSet<>();
    for (String json : left) {
      numbers.add(json.replaceAll(".*\"body\": \"([^\"]*)\".*", "$1"));
    }
    assertThat(numbers).as("149 distinct messages back in the queue").hasSize(149);
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      List<Integer> again = new ArrayList<>();
      try (Consumer c = conn.consumer(ConsumerOptions.builder(Queue.of(queue)).prefetchCount(10)
          .handler((body, m) -> {
            again.add(((Number) body).intValue());
            m.ack();
          }).build())) {
        drainUntil(conn, () -> again.size() >= 149);
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 1; i < 150; i++) {
        expected.add(i);
      }
      assertThat(again).as("restored to the front in their original order").isEqualTo(expected);
    }
  }
}
