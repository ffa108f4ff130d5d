package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.DecodeException;
import io.kombu.KombuException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * The item reaches the {@link ConsumerLoop}'s decode-error handler as a message whose errors say what is wrong (body =
 * the raw item, no content type); the handler acknowledges it, the loop keeps running, the good message behind it is
 * consumed, and nothing is left in the queue or in Kombu's unacked hash. Uses its own database (13).
 *
 * <p>Thread-safety: a JUnit test class.
 */
@RequiresBroker("redis")
@DisplayName("Corrupt envelopes on Redis reach the decode-error handler and never stop the consumer loop")
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
  @DisplayName("a corrupt list item goes to the decode-error handler; the loop goes on to the good message behind it")
  void corruptItemGoesToTheHandler(String name, String raw, String messagePart) {
    String url = TestBrokers.url("redis").replaceFirst("/\\d*$", "/" + DB);
    String queueName = "rel.poison." + UUID.randomUUID().toString().substring(0, 8);
    Queue queue = Queue.builder(queueName).durable(false).build();
    List<Object> handled = new CopyOnWriteArrayList<>();
    List<Message> undecodable = new CopyOnWriteArrayList<>();
    List<KombuException> errors = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect(url)) {
      conn.defaultChannel().declare(queue);
      try (Jedis jedis = jedis(url)) {
        jedis.lpush(queueName, raw);
      }
      conn.producer().publish(Map.of("good", 1), PublishOptions.routingKey(queueName));
      ConsumerLoop loop = ConsumerLoop.builder(conn).safetyInterval(Duration.ofMillis(100))
          .onDecodeError((message, error) -> {
            undecodable.add(message);
            errors.add(error);
            message.ack();
          })
          .consumers(ch -> List.of(ConsumerOptions.builder(queue).prefetchCount(1)
              .handler((body, message) -> {
                handled.add(body);
                message.ack();
              }).build()))
          .build();

      try (RunningLoop running = RunningLoop.start(loop, "poison-" + queueName)) {
        Poll.until("the good message", WAIT, () -> !handled.isEmpty() || !running.isRunning());
        assertThat(running.failure()).as(name + ": what ended the loop").isNull();
        assertThat(running.isRunning()).as(name + ": the loop still runs").isTrue();
      }

      assertThat(handled).as(name).containsExactly(Map.of("good", 1));
      assertThat(errors).as(name).singleElement().isInstanceOf(DecodeException.class)
          .extracting(Throwable::getMessage).asString().contains(messagePart);
      Message poison = undecodable.get(0);
      assertThat(poison.body()).isEqualTo(raw.getBytes(StandardCharsets.UTF_8));
      assertThat(poison.contentType()).isNull();
      assertThat(poison.isAcknowledged()).isTrue();
      assertThat(HostileMessageContract.messageCount(conn.defaultChannel(), queueName)).isZero();
      Poll.until("no unacked entry of the corrupt item", WAIT, () -> corruptUnacked(url, queueName, raw).isEmpty());
    } finally {
      removeCorruptUnacked(url, queueName, raw);
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

  /** Unacked entries that hold the corrupt item: written by the pop script (Kombu's shape) or as a raw entry. */
  private static List<String> corruptUnacked(String url, String queueName, String raw) {
    try (Jedis jedis = jedis(url)) {
      return jedis.hgetAll("unacked").entrySet().stream()
          .filter(e -> e.getValue().startsWith("[" + raw) || e.getValue().contains(queueName))
          .map(Map.Entry::getKey).toList();
    }
  }

  /** Removes what a failed run left, so that no later sweep meets it. */
  private static void removeCorruptUnacked(String url, String queueName, String raw) {
    List<String> tags = corruptUnacked(url, queueName, raw);
    try (Jedis jedis = jedis(url)) {
      for (String tag : tags) {
        jedis.hdel("unacked", tag);
        jedis.zrem("unacked_index", tag);
      }
    }
  }
}
