package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.EncodeException;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.core.internal.messaging.KombuConnection;
import io.kombu.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Producer.publishAll sends a batch with one set of options")
class ProducerPublishAllTest {
  private final TestConnections env = new TestConnections();
  private KombuConnection conn;

  @BeforeEach
  void connect() {
    conn = env.connect("fake://localhost");
    conn.defaultChannel().declare(Queue.of("q"));
  }

  @AfterEach
  void close() {
    conn.close();
  }

  private static String text(OutboundMessage m) {
    return new String(m.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("every body goes to the transport in one basicPublishAll call, in order, with the same properties")
  void oneTransportCall() {
    conn.producer().publishAll(List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)),
        PublishOptions.builder().routingKey("q").priority(5).header("h", "v").build());
    assertThat(env.broker.publishAllBatches).containsExactly(3);
    assertThat(env.broker.published).extracting(ProducerPublishAllTest::text)
        .containsExactly("{\"n\": 1}", "{\"n\": 2}", "{\"n\": 3}");
    assertThat(env.broker.published).allSatisfy(m -> {
      assertThat(m.properties()).containsEntry("priority", 5).containsEntry("delivery_mode", 2);
      assertThat(m.headers()).containsEntry("h", "v");
      assertThat(m.contentType()).isEqualTo("application/json");
    });
    assertThat(env.broker.size("q")).isEqualTo(3);
  }

  @Test
  @DisplayName("a batch and single publishes produce the same messages (one preparation path)")
  void sameAsSinglePublish() {
    PublishOptions options = PublishOptions.builder().routingKey("q").compression("zlib").correlationId("c").build();
    Producer producer = conn.producer();
    producer.publish("a", options);
    producer.publishAll(List.of("a"), options);
    producer.publishAll(List.of("a", "a"), options);
    assertThat(env.broker.published).hasSize(4);
    OutboundMessage first = env.broker.published.get(0);
    assertThat(env.broker.published).allSatisfy(m -> {
      assertThat(m.body()).isEqualTo(first.body());
      assertThat(m.headers()).isEqualTo(first.headers()).containsEntry("compression", "application/x-gzip");
      assertThat(m.properties()).isEqualTo(first.properties());
      assertThat(m.contentType()).isEqualTo(first.contentType());
    });
    assertThat(env.broker.publishAllBatches).as("a batch of one is a plain basicPublish").containsExactly(2);
  }

  @Test
  @DisplayName("the producer's exchange is declared once for the whole batch")
  void declaresOnce() {
    Exchange ex = Exchange.direct("batch-ex").build();
    conn.producer(ex).publishAll(List.of("a", "b", "c"), PublishOptions.routingKey("k"));
    assertThat(env.broker.calls).filteredOn(c -> c.contains("batch-ex")).hasSize(1);
    assertThat(env.broker.publishAllBatches).containsExactly(3);
  }

  @Test
  @DisplayName("a body that cannot be encoded fails the batch before anything is sent")
  void encodeFailureSendsNothing() {
    PublishOptions rawText = PublishOptions.builder().routingKey("q").contentType("text/plain").build();
    assertThatThrownBy(() -> conn.producer().publishAll(List.of("ok", Map.of("not", "text")), rawText))
        .isInstanceOf(EncodeException.class);
    assertThat(env.broker.published).isEmpty();
  }

  @Test
  @DisplayName("an empty batch sends nothing and declares nothing")
  void emptyBatch() {
    env.broker.calls.clear();
    conn.producer(Exchange.direct("never").build()).publishAll(List.of(), PublishOptions.routingKey("k"));
    assertThat(env.broker.published).isEmpty();
    assertThat(env.broker.calls).isEmpty();
  }

  @Test
  @DisplayName("with a retry policy a batch that hit a connection error is sent again as a whole")
  void retriedAsAWhole() {
    env.broker.failNextPublishes = 1;
    conn.producer().publishAll(List.of("a", "b"),
        PublishOptions.builder().routingKey("q").retry(RetryPolicy.ENSURE_DEFAULTS).build());
    assertThat(env.broker.publishAllBatches).containsExactly(2, 2);
    assertThat(env.broker.size("q")).isEqualTo(2);
  }
}
