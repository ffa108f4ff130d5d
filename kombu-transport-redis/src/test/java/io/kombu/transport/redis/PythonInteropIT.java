package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Java and Python Kombu 5.2.4 on the same Redis database, in both directions. */
@RequiresBroker("redis")
@DisplayName("interoperability with Python Kombu on Redis")
class PythonInteropIT {
  private static final List<String> ACCEPT = List.of("application/json", "application/x-msgpack", "application/x-yaml");
  private final String prefix = "interop-" + UUID.randomUUID().toString().substring(0, 8);
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

  private static Object field(Object map, String key) {
    return ((Map<?, ?>) map).get(key);
  }

  private static String url() {
    return TestBrokers.url("redis");
  }

  private static List<Message> getAll(Channel ch, String queue) {
    List<Message> out = new ArrayList<>();
    for (Optional<Message> m = ch.get(queue, false, ACCEPT); m.isPresent(); m = ch.get(queue, false, ACCEPT)) {
      out.add(m.get());
    }
    return out;
  }

  @Test
  @DisplayName("Java consumes what Python published: direct, topic, priorities, json/msgpack/yaml, zlib/bzip2, headers")
  void pythonPublishesJavaConsumes() throws Exception {
    PythonPeer.Result r = PythonPeer.run("publish", url(), prefix);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    try (Connection conn = Kombu.connect(url())) {
      Channel ch = conn.channel();
      List<Message> direct = getAll(ch, prefix + ".direct");
      assertThat(direct).hasSize(5);
      assertThat(direct.stream().map(m -> field(m.decode(), "n")).collect(Collectors.toList()))
          .containsExactly(1, 2, 3, 4, 5);
      assertThat(((Map<?, ?>) direct.get(0).decode()).get("text")).isEqualTo("h\u00e9llo");
      assertThat(direct.get(0).headers()).containsEntry("x-int", 7).containsEntry("x-str", "s");
      assertThat(direct.get(1).contentType()).isEqualTo("application/x-msgpack");
      assertThat(direct.get(2).contentType()).isEqualTo("application/x-yaml");
      assertThat(direct.get(3).headers()).containsEntry("compression", "application/x-gzip");
      assertThat(direct.get(4).headers()).containsEntry("compression", "application/x-bz2");
      assertThat(direct.get(0).deliveryInfo()).containsEntry("exchange", prefix + ".direct")
          .containsEntry("routing_key", "k1");
      direct.forEach(Message::ack);

      List<Message> topic = getAll(ch, prefix + ".topic");
      assertThat(topic).extracting(m -> field(m.decode(), "rk")).containsExactly("a.b.c");
      topic.forEach(Message::ack);

      List<Message> prio = getAll(ch, prefix + ".prio");
      assertThat(prio).extracting(m -> field(m.decode(), "pri")).containsExactly(0, 5, 9);
      prio.forEach(Message::ack);
    }
    assertThat(redis.hlen("unacked")).as("every ack removed its unacked entry").isZero();
  }

  @Test
  @DisplayName("Python consumes what Java published, in priority order, with headers and every serializer")
  void javaPublishesPythonConsumes() throws Exception {
    String queue = prefix + ".to-python";
    Exchange ex = Exchange.builder(prefix + ".x").type(ExchangeType.TOPIC).build();
    try (Connection conn = Kombu.connect(url())) {
      conn.defaultChannel().declare(Queue.builder(queue).exchange(ex).routingKey("jobs.#").build());
      PublishOptions.Builder base = PublishOptions.builder().exchange(ex).routingKey("jobs.new");
      conn.producer().publish(Map.of("s", "json"), base.priority(6).header("x-h", "v").build());
      conn.producer().publish(Map.of("s", "msgpack"), base.priority(3).serializer("msgpack").build());
      conn.producer().publish(Map.of("s", "yaml"), base.priority(0).serializer("yaml").compression("zlib").build());
      conn.producer().publish(Map.of("s", "bz"), base.priority(9).compression("bzip2").build());
    }
    PythonPeer.Result r = PythonPeer.run("consume", url(), queue, "4");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.lines()).extracting(l -> field(l.get("body"), "s"))
        .containsExactly("yaml", "msgpack", "json", "bz");
    assertThat(r.lines().get(2).get("headers")).asInstanceOf(
        org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("x-h", "v");
    assertThat(r.lines().get(2).get("delivery_info")).isEqualTo(
        Map.of("exchange", prefix + ".x", "routing_key", "jobs.new"));
    assertThat(redis.hlen("unacked")).isZero();
  }

  @Test
  @DisplayName("messages a dead Python consumer held are restored by Java's visibility sweep and delivered")
  void pythonDiesJavaRestores() throws Exception {
    String queue = prefix + ".dies";
    try (Connection conn = Kombu.connect(url())) {
      for (int i = 0; i < 3; i++) {
        conn.producer().publish(Map.of("i", i), PublishOptions.builder().routingKey(queue).build());
      }
    }
    PythonPeer.Result r = PythonPeer.run("consume", url(), queue, "3", "die");
    assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
    assertThat(r.lines()).hasSize(3);
    assertThat(redis.llen(queue)).isZero();
    assertThat(redis.hlen("unacked")).isGreaterThanOrEqualTo(3);

    TransportOptions options = TransportOptions.of(Map.of("visibility_timeout", 1, "unacked_restore_throttle", 0));
    List<Message> got = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect(url(), options)) {
      conn.consumer(Queue.builder(queue).build(), (body, m) -> {
        got.add(m);
        m.ack();
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (got.size() < 3 && System.nanoTime() < deadline) {
        try {
          conn.drainEvents(Duration.ofMillis(500));
        } catch (KombuTimeoutException e) {
          // the sweep needs the entries to age past the visibility timeout
        }
      }
    }
    assertThat(got).extracting(m -> field(m.decode(), "i")).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(got).allSatisfy(m -> assertThat(m.redelivered()).isTrue());
  }

  @Test
  @DisplayName("messages a dead Java consumer held are restored by a Python worker's sweep")
  void javaDiesPythonRestores() throws Exception {
    String queue = prefix + ".java-dies";
    TransportOptions noLeases = TransportOptions.of(Map.of("lease_renewal", false));
    Connection crashed = Kombu.connect(url(), noLeases);
    for (int i = 0; i < 2; i++) {
      crashed.producer().publish(Map.of("i", i), PublishOptions.builder().routingKey(queue).build());
    }
    Channel ch = crashed.channel();
    assertThat(ch.get(queue, false, null)).isPresent();
    assertThat(ch.get(queue, false, null)).isPresent();
    assertThat(redis.llen(queue)).isZero();
    // The "crashed" connection is abandoned, never closed: its messages exist only in the unacked hash now.
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline && redis.zcount("unacked_index", 0, System.currentTimeMillis() / 1000.0 - 1.5)
        < 2) {
      Thread.onSpinWait();
    }
    PythonPeer.Result r = PythonPeer.run("restore_and_consume", url(), queue, "2");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.lines()).extracting(l -> field(l.get("body"), "i")).containsExactlyInAnyOrder(0, 1);
    assertThat(r.lines()).allSatisfy(l -> assertThat(((Map<?, ?>) l.get("delivery_info")).get("redelivered"))
        .isEqualTo(true));
  }

  @Test
  @DisplayName("a Java fanout queue receives what Python publishes to the fanout exchange")
  void pythonFanoutReachesJava() throws Exception {
    Exchange fan = Exchange.builder(prefix + ".fan").type(ExchangeType.FANOUT).build();
    List<Object> got = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect(url())) {
      conn.consumer(Queue.builder(prefix + ".fanq1").exchange(fan).build(), (body, m) -> {
        got.add(body);
        m.ack();
      });
      conn.consumer(Queue.builder(prefix + ".fanq2").exchange(fan).build(), (body, m) -> {
        got.add(body);
        m.ack();
      });
      PythonPeer.Result r = PythonPeer.run("publish_fanout", url(), prefix + ".fan", "2");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (got.size() < 4 && System.nanoTime() < deadline) {
        try {
          conn.drainEvents(Duration.ofMillis(500));
        } catch (KombuTimeoutException e) {
          // keep draining until the deadline
        }
      }
    }
    assertThat(got).hasSize(4).containsOnly(Map.of("fan", 0), Map.of("fan", 1));
  }
}
