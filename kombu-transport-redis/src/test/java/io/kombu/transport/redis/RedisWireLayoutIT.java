package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Compares what Java writes into Redis with what Python Kombu 5.2.4 wrote for the same calls
 * ({@code /work/shared/spec/wire-samples/redis}, captured by {@code capture_redis.py} into database 15): binding set
 * members, priority bucket keys, envelope JSON, the unacked entry and the restored message, byte for byte apart from
 * delivery tags and timestamps.
 */
@RequiresBroker("redis")
@DisplayName("Redis key layout and JSON match Python Kombu's wire samples")
class RedisWireLayoutIT {
  private static final Path SAMPLES = Path.of(System.getProperty("kombu.wire.samples",
      "/work/shared/spec/wire-samples/redis"));
  private static final String SEP = "\u0006\u0016";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TAG_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private JedisPooled redis;
  private JsonNode afterPublish;

  @BeforeEach
  void setUp() throws IOException {
    redis = RedisTestSupport.client();
    RedisTestSupport.deleteKeys(redis, "wire.*", "_kombu.binding.wire.*", "unacked", "unacked_index");
    afterPublish = MAPPER.readTree(SAMPLES.resolve("01-after-publish.json").toFile());
  }

  @AfterEach
  void tearDown() {
    RedisTestSupport.deleteKeys(redis, "wire.*", "_kombu.binding.wire.*", "unacked", "unacked_index");
    redis.close();
  }

  private static Set<String> sampleSet(JsonNode dump, String key) {
    Set<String> out = new HashSet<>();
    dump.get(key).get("value").forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> sampleList(JsonNode dump, String key) {
    List<String> out = new ArrayList<>();
    dump.get(key).get("value").forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String withoutNullHeader(String s) {
    assertThat(s).contains(", \"x-null\": null");
    return s.replace(", \"x-null\": null", "");
  }

  private static String untag(String s) {
    return s.replaceAll(TAG_RE, "<tag>");
  }

  private void declareTopology(Channel ch) {
    Exchange direct = Exchange.builder("wire.direct").type(ExchangeType.DIRECT).build();
    Exchange topic = Exchange.builder("wire.topic").type(ExchangeType.TOPIC).build();
    Exchange fanout = Exchange.builder("wire.fanout").type(ExchangeType.FANOUT).build();
    ch.declare(Queue.builder("wire.q.direct").exchange(direct).routingKey("wire.key").build());
    ch.declare(Queue.builder("wire.q.priority").exchange(direct).routingKey("wire.prio").maxPriority(10).build());
    ch.declare(Queue.builder("wire.q.topic.star").exchange(topic).routingKey("wire.*.a").build());
    ch.declare(Queue.builder("wire.q.topic.hash").exchange(topic).routingKey("wire.#").build());
    ch.declare(Queue.builder("wire.q.fanout.1").exchange(fanout).routingKey("").build());
    ch.declare(Queue.builder("wire.q.fanout.2").exchange(fanout).routingKey("").build());
  }

  @Test
  @DisplayName("binding sets hold the same members, topic regexes included")
  void bindingSetsAreIdentical() {
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      declareTopology(conn.defaultChannel());
      for (String ex : List.of("wire.direct", "wire.topic", "wire.fanout")) {
        String key = "_kombu.binding." + ex;
        assertThat(redis.smembers(key)).as(key).isEqualTo(sampleSet(afterPublish, key));
      }
    }
  }

  @Test
  @DisplayName("priorities 0, 1, 3, 5, 9 and 10 land in the same bucket lists")
  void priorityBuckets() {
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      declareTopology(conn.defaultChannel());
      Exchange direct = Exchange.builder("wire.direct").build();
      for (int p : List.of(0, 1, 3, 5, 9, 10)) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "priority");
        body.put("priority", p);
        conn.producer().publish(body, PublishOptions.builder().exchange(direct).routingKey("wire.prio").priority(p)
            .build());
      }
      for (String key : List.of("wire.q.priority", "wire.q.priority" + SEP + "3", "wire.q.priority" + SEP + "9")) {
        List<String> ours = redis.lrange(key, 0, -1).stream().map(RedisWireLayoutIT::untag).toList();
        List<String> theirs = sampleList(afterPublish, key).stream().map(RedisWireLayoutIT::untag).toList();
        assertThat(ours).as(key).isEqualTo(theirs);
      }
      assertThat(redis.exists("wire.q.priority" + SEP + "6")).isFalse();
    }
  }

  @Test
  @DisplayName("a topic publish writes the same envelope into every matching queue")
  void topicEnvelope() {
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      declareTopology(conn.defaultChannel());
      Exchange topic = Exchange.builder("wire.topic").type(ExchangeType.TOPIC).build();
      for (String rk : List.of("wire.x.a", "wire.b")) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "topic");
        body.put("rk", rk);
        conn.producer().publish(body, PublishOptions.builder().exchange(topic).routingKey(rk).build());
      }
      for (String key : List.of("wire.q.topic.hash", "wire.q.topic.star")) {
        List<String> ours = redis.lrange(key, 0, -1).stream().map(RedisWireLayoutIT::untag).toList();
        List<String> theirs = sampleList(afterPublish, key).stream().map(RedisWireLayoutIT::untag).toList();
        assertThat(ours).as(key).isEqualTo(theirs);
      }
    }
  }

  @Test
  @DisplayName("the unacked entry and the restored message are written as Kombu writes them")
  void unackedEntryAndRestore() throws IOException {
    JsonNode oneUnacked = MAPPER.readTree(SAMPLES.resolve("02-one-unacked.json").toFile());
    JsonNode restoredDump = MAPPER.readTree(SAMPLES.resolve("03-after-close-restored.json").toFile());
    // PublishOptions rejects null header values, so the sample's "x-null": null header is left out on both sides.
    String sampleEntry = withoutNullHeader(oneUnacked.get("unacked").get("value").elements().next().asText());
    List<String> restoredList = sampleList(restoredDump, "wire.q.direct");
    String sampleRestored = withoutNullHeader(restoredList.get(restoredList.size() - 1));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "json");
    body.put("n", 1);
    body.put("text", "h\u00e9llo \u2603");
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("x-str", "v");
    headers.put("x-int", 42);
    headers.put("x-float", 1.5);
    headers.put("x-bool", true);
    headers.put("x-list", List.of(1, "two"));
    headers.put("x-map", Map.of("k", "v"));
    String tag;
    try (Connection conn = Kombu.connect(TestBrokers.url("redis"))) {
      declareTopology(conn.defaultChannel());
      conn.producer().publish(body, PublishOptions.builder().exchange(Exchange.builder("wire.direct").build())
          .routingKey("wire.key").headers(headers).messageId("00000000-0000-0000-0000-000000000001").build());
      Channel ch = conn.channel();
      Optional<Message> m = ch.get("wire.q.direct", false, null);
      assertThat(m).isPresent();
      tag = String.valueOf(m.get().properties().get("delivery_tag"));
      String entry = redis.hget("unacked", tag);
      assertThat(untag(entry)).isEqualTo(untag(sampleEntry));
      double score = redis.zscore("unacked_index", tag);
      assertThat(score).isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
      // Closing the channel without an ack restores the message to the right end, marked redelivered.
      ch.close();
    }
    assertThat(redis.hexists("unacked", tag)).isFalse();
    assertThat(redis.zscore("unacked_index", tag)).isNull();
    assertThat(untag(redis.lindex("wire.q.direct", -1))).isEqualTo(untag(sampleRestored));
  }
}
