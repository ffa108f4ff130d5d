package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DeliveryMode;
import io.kombu.EncodeException;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.internal.messaging.KombuConnection;
import io.kombu.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Producer.publish resolves Kombu's publish arguments")
class ProducerPublishTest {
  private final TestConnections env = new TestConnections();
  private KombuConnection conn;

  @BeforeEach
  void connect() {
    conn = env.connect("fake://localhost");
  }

  @AfterEach
  void close() {
    conn.close();
  }

  private OutboundMessage last() {
    return env.broker.published.get(env.broker.published.size() - 1);
  }

  @Test
  @DisplayName("a publish with no delivery mode is persistent (2) and has priority 0")
  void defaultsToPersistentAndPriorityZero() {
    conn.producer().publish(Map.of("a", 1), PublishOptions.routingKey("q"));
    assertThat(last().properties()).containsEntry("delivery_mode", 2).containsEntry("priority", 0);
    assertThat(last().properties().keySet()).containsExactly("delivery_mode", "priority");
  }

  @Test
  @DisplayName("the exchange's delivery mode applies when the publish gives none, and the argument wins over it")
  void deliveryModeFromExchangeThenArgument() {
    Exchange transientExchange = Exchange.direct("t").deliveryMode(DeliveryMode.TRANSIENT).build();
    Producer producer = conn.producer(transientExchange);
    producer.publish("x");
    assertThat(last().properties()).containsEntry("delivery_mode", 1);
    producer.publish("x", PublishOptions.builder().deliveryMode(DeliveryMode.PERSISTENT).build());
    assertThat(last().properties()).containsEntry("delivery_mode", 2);
  }

  @Test
  @DisplayName("expiration becomes the decimal string of its milliseconds, after the caller's properties")
  void expirationInMillis() {
    conn.producer().publish("x", PublishOptions.builder().routingKey("q").correlationId("c-1")
        .expiration(Duration.ofSeconds(10)).priority(7).build());
    assertThat(last().properties()).containsEntry("expiration", "10000").containsEntry("priority", 7);
    assertThat(last().properties().keySet())
        .containsExactly("correlation_id", "delivery_mode", "expiration", "priority");
  }

  @Test
  @DisplayName("without a content type the serializer is chosen by the body: text, bytes or json")
  void serializerAutoDetection() {
    Producer producer = conn.producer();
    producer.publish("hello");
    assertThat(last().contentType()).isEqualTo("text/plain");
    assertThat(last().contentEncoding()).isEqualTo("utf-8");
    producer.publish(new byte[] {1, 2});
    assertThat(last().contentType()).isEqualTo("application/data");
    assertThat(last().contentEncoding()).isEqualTo("binary");
    producer.publish(Map.of("id", 42));
    assertThat(last().contentType()).isEqualTo("application/json");
    assertThat(new String(last().body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": 42}");
  }

  @Test
  @DisplayName("with a content type a String is encoded with the content encoding and bytes are sent as binary")
  void contentTypeGiven() {
    Producer producer = conn.producer();
    producer.publish("é", PublishOptions.builder().contentType("text/x-custom").contentEncoding("iso-8859-1").build());
    assertThat(last().body()).containsExactly((byte) 0xE9);
    assertThat(last().contentEncoding()).isEqualTo("iso-8859-1");
    producer.publish(new byte[] {9}, PublishOptions.builder().contentType("application/x-thing").build());
    assertThat(last().contentType()).isEqualTo("application/x-thing");
    assertThat(last().contentEncoding()).isEqualTo("binary");
    assertThatThrownBy(() -> producer.publish(Map.of(), PublishOptions.builder().contentType("a/b").build()))
        .isInstanceOf(EncodeException.class).hasMessageContaining("String or byte[]");
  }

  @Test
  @DisplayName("compression compresses the body and names its content type in the compression header")
  void compressionHeader() {
    PublishOptions options = PublishOptions.builder().routingKey("q").compression("zlib").header("trace", "t1").build();
    conn.producer().publish(Map.of("big", "x".repeat(500)), options);
    assertThat(last().headers()).containsEntry("compression", "application/x-gzip").containsEntry("trace", "t1");
    assertThat(last().body().length).isLessThan(100);
    assertThat(options.headers()).doesNotContainKey("compression");
  }

  @Test
  @DisplayName("the producer's compression default applies when the publish gives none")
  void producerCompressionDefault() {
    conn.producer(ProducerOptions.builder().compression("zlib").build()).publish("text");
    assertThat(last().headers()).containsEntry("compression", "application/x-gzip");
  }

  @Test
  @DisplayName("the declare list is declared through the cache, and the producer's exchange is appended to it (Kombu's order)")
  void declareListAndAutoDeclare() {
    Exchange tasks = Exchange.direct("tasks").build();
    Queue queue = Queue.builder("hipri").exchange(tasks).routingKey("hipri").build();
    Producer producer = conn.producer(tasks);
    producer.publish("a", PublishOptions.builder().routingKey("hipri").declare(queue).build());
    producer.publish("b", PublishOptions.builder().routingKey("hipri").declare(queue).build());
    assertThat(env.broker.calls).filteredOn(c -> c.startsWith("exchangeDeclare") || c.startsWith("queueDeclare"))
        .containsExactly("exchangeDeclare tasks", "queueDeclare hipri", "exchangeDeclare tasks");
    assertThat(env.broker.size("hipri")).isEqualTo(2);
  }

  @Test
  @DisplayName("auto-declare off leaves the producer's exchange undeclared")
  void autoDeclareOff() {
    Exchange tasks = Exchange.direct("tasks").build();
    conn.producer(ProducerOptions.builder().exchange(tasks).autoDeclare(false).build()).declare();
    assertThat(env.broker.calls).containsExactly("exchangeDeclare tasks");
    env.broker.calls.clear();
    conn.producer(ProducerOptions.builder().exchange(Exchange.direct("other").build()).autoDeclare(false).build());
    assertThat(env.broker.calls).isEmpty();
    assertThat(List.copyOf(env.broker.exchanges.keySet())).containsExactly("tasks");
  }

  @Test
  @DisplayName("a producer made on a channel refuses to publish once that channel is closed, instead of moving elsewhere")
  void producerOnClosedChannelFails() {
    io.kombu.Channel channel = conn.channel();
    Producer producer = channel.producer();
    channel.close();
    int before = env.broker.published.size();

    assertThatThrownBy(() -> producer.publish("x", PublishOptions.routingKey("q")))
        .isInstanceOf(io.kombu.ChannelException.class)
        .hasMessageContaining("is closed");
    assertThat(env.broker.published).hasSize(before);
  }

  @Test
  @DisplayName("a producer made from the connection follows the default channel when it is replaced")
  void connectionProducerFollowsDefaultChannel() {
    Producer producer = conn.producer();
    producer.publish("first", PublishOptions.routingKey("q"));
    producer.channel().close();

    producer.publish("second", PublishOptions.routingKey("q"));
    assertThat(new String(last().body(), StandardCharsets.UTF_8)).isEqualTo("second");
  }

  @Test
  @DisplayName("a null header value (Python's None, as Celery sends for eta and expires) reaches the transport")
  void nullHeaderValuesPassThrough() {
    conn.producer().publish("x", PublishOptions.builder().routingKey("q").header("eta", null).header("retries", 0)
        .build());
    assertThat(last().headers()).containsEntry("eta", null).containsEntry("retries", 0);
  }
}
