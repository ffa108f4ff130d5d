package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;

/**
 * Envelope-level corruption on Redis: a list item that Kombu did not write (LPUSHed raw) in front of a good message.
 * Today the item surfaces as a {@link DecodeException} that says what is wrong and ends the {@link ConsumerLoop} (README
 * finding 4: Redis needs a poison-envelope policy); what this test holds on to is that it is loud, not silent, and that
 * the good message behind it is not lost. Uses its own database (13) and removes the corrupt unacked entries it leaves.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@RequiresBroker("redis")
@DisplayName("Corrupt envelopes on Redis fail loudly and lose nothing behind them")
class RedisPoisonEnvelopeIT {
  private static final String DB = "13";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an item that is not JSON                 | not json                                  | not valid JSON
      JSON that is not an object               | [1, 2]                                    | not an object
      an object without properties             | {"body": 5}                               | 'properties'
      an empty object                          | {}                                        | 'properties'
      a body that is not base64 under base64   | {"body": "!!!notbase64", "properties": {"body_encoding": "base64", "delivery_tag": "rel-poison"}, "headers": {}} | base64
      """)
  @DisplayName("a corrupt list item ends the loop with a DecodeException; the good message behind it survives")
  void corruptItemIsLoudAndLosesNothing(String name, String raw, String messagePart) {
    String url = TestBrokers.url("redis").replaceFirst("/\\d*$", "/" + DB);
    String queueName = "rel.poison." + UUID.randomUUID().toString().substring(0, 8);
    Queue queue = Queue.builder(queueName).durable(false).build();
    List<Object> handled = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect(url)) {
      conn.defaultChannel().declare(queue);
      try (Jedis jedis = jedis(url)) {
        jedis.lpush(queueName, raw);
      }
      conn.producer().publish(Map.of("good", 1), PublishOptions.routingKey(queueName));
      ConsumerLoop loop = ConsumerLoop.builder(conn).safetyInterval(Duration.ofMillis(100))
          .consumers(ch -> List.of(ConsumerOptions.builder(queue).prefetchCount(1)
              .handler((body, message) -> {
                handled.add(body);
                message.ack();
              }).build()))
          .build();

      Throwable ended = assertTimeoutPreemptively(WAIT, () -> org.assertj.core.api.Assertions.catchThrowable(loop::run));

      assertThat(ended).as(name).isInstanceOf(DecodeException.class).hasMessageContaining(messagePart);
      assertThat(handled).as("messages handled before the corrupt item stopped the loop").isEmpty();
      Poll.until("the good message back in the queue", WAIT,
          () -> HostileMessageContract.messageCount(conn.defaultChannel(), queueName) == 1);
      Message good = conn.defaultChannel().get(queueName).orElseThrow();
      assertThat(good.decode()).isEqualTo(Map.of("good", 1));
      good.ack();
    } finally {
      removeCorruptUnacked(url, raw);
      try (Connection cleanup = Kombu.connect(url)) {
        cleanup.defaultChannel().queueDelete(queueName, false, false);
      }
    }
  }

  private static Jedis jedis(String url) {
    URI uri = URI.create(url);
    Jedis jedis = new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    jedis.select(Integer.parseInt(DB));
    return jedis;
  }

  /** The corrupt item sits in Kombu's unacked hash; remove it so that no later sweep meets it. */
  private static void removeCorruptUnacked(String url, String raw) {
    try (Jedis jedis = jedis(url)) {
      for (Map.Entry<String, String> entry : jedis.hgetAll("unacked").entrySet()) {
        if (entry.getValue().startsWith("[" + raw)) {
          jedis.hdel("unacked", entry.getKey());
          jedis.zrem("unacked_index", entry.getKey());
        }
      }
    }
  }
}
