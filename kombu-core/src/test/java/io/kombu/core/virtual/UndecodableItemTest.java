package io.kombu.core.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.DecodeException;
import io.kombu.KombuException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A stored item the store cannot read reaches the decode-error handler instead of ending the consumer")
class UndecodableItemTest {
  private static final String QUEUE = "poisoned";
  private static final byte[] RAW = "not json".getBytes(StandardCharsets.UTF_8);

  private final PoisonStore store = new PoisonStore();
  private final Connection conn = Kombu.builder().url("poison://").transport(new PoisonProvider(store)).build();
  private final Queue queue = Queue.builder(QUEUE).durable(false).build();

  @AfterEach
  void close() {
    conn.close();
  }

  private void poisonThenGood() {
    conn.defaultChannel().declare(queue);
    store.put(QUEUE, Envelope.undecodable(RAW, new DecodeException("message stored in Redis is not valid JSON"),
        UUID.randomUUID().toString()));
    conn.producer().publish(Map.of("good", 1), PublishOptions.routingKey(QUEUE));
  }

  private Consumer consume(List<Object> good, List<Message> bad, boolean requeueBad) {
    return conn.consumer(ConsumerOptions.builder(queue)
        .handler((body, message) -> {
          good.add(body);
          message.ack();
        })
        .onDecodeError((message, error) -> {
          bad.add(message);
          message.reject(requeueBad);
        })
        .build());
  }

  @Test
  @DisplayName("the handler gets the raw bytes, no content type and the DecodeException; the good message follows")
  void handlerSeesTheRawItem() {
    poisonThenGood();
    List<Object> good = new ArrayList<>();
    List<Message> bad = new ArrayList<>();
    try (Consumer consumer = consume(good, bad, false)) {
      conn.drainEvents(Duration.ofSeconds(1));
      conn.drainEvents(Duration.ofSeconds(1));
    }
    assertThat(bad).hasSize(1);
    Message poison = bad.get(0);
    assertThat(poison.body()).isEqualTo(RAW);
    assertThat(poison.contentType()).isNull();
    assertThat(poison.errors()).singleElement().isInstanceOf(DecodeException.class)
        .extracting(KombuException::getMessage).asString().contains("not valid JSON");
    assertThat(poison.isAcknowledged()).isTrue();
    assertThatThrownBy(poison::decode).isInstanceOf(DecodeException.class);
    assertThat(good).containsExactly(Map.of("good", 1));
    assertThat(store.rejected).containsExactly(new String(RAW, StandardCharsets.UTF_8));
    assertThat(store.size(QUEUE)).isZero();
  }

  @Test
  @DisplayName("a requeue puts the raw item back unchanged, still undecodable")
  void requeuePutsTheRawItemBack() {
    poisonThenGood();
    List<Object> good = new ArrayList<>();
    List<Message> bad = new ArrayList<>();
    try (Consumer consumer = consume(good, bad, true)) {
      conn.drainEvents(Duration.ofSeconds(1));
    }
    assertThat(bad).hasSize(1);
    assertThat(store.requeued).containsExactly(new String(RAW, StandardCharsets.UTF_8));
    assertThat(store.queues.get(QUEUE)).last().satisfies(e -> {
      assertThat(e.body()).isEqualTo(RAW);
      assertThat(e.decodeError()).isNotNull();
    });
  }

  @Test
  @DisplayName("with no handler drainEvents throws, and the next drain delivers the good message")
  void withoutHandlerDrainThrowsButTheConsumerGoesOn() {
    poisonThenGood();
    List<Object> good = new ArrayList<>();
    try (Consumer consumer = conn.consumer(ConsumerOptions.builder(queue).handler((body, message) -> {
      good.add(body);
      message.ack();
    }).build())) {
      assertThatThrownBy(() -> conn.drainEvents(Duration.ofSeconds(1))).isInstanceOf(DecodeException.class);
      conn.drainEvents(Duration.ofSeconds(1));
    }
    assertThat(good).containsExactly(Map.of("good", 1));
  }

  @Test
  @DisplayName("basic get returns the undecodable item as a message that can be acknowledged")
  void getReturnsASettleableMessage() {
    poisonThenGood();
    Message poison = conn.defaultChannel().get(QUEUE).orElseThrow();
    assertThat(poison.errors()).singleElement().isInstanceOf(DecodeException.class);
    poison.ack();
    assertThat(store.acked).containsExactly(new String(RAW, StandardCharsets.UTF_8));
    assertThat(conn.defaultChannel().get(QUEUE).orElseThrow().decode()).isEqualTo(Map.of("good", 1));
  }

  /** A FIFO store that keeps envelopes as given, so an undecodable one can be planted. Not thread-safe. */
  private static final class PoisonStore implements MessageStore {
    final Map<String, Deque<Envelope>> queues = new LinkedHashMap<>();
    final List<String> acked = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final List<String> requeued = new ArrayList<>();

    @Override
    public void put(String queue, Envelope envelope) {
      queues.computeIfAbsent(queue, q -> new ArrayDeque<>()).addLast(envelope);
    }

    @Override
    public @Nullable Envelope get(String queue) {
      Deque<Envelope> d = queues.get(queue);
      return d == null ? null : d.pollFirst();
    }

    @Override
    public long size(String queue) {
      Deque<Envelope> d = queues.get(queue);
      return d == null ? 0 : d.size();
    }

    @Override
    public long purge(String queue) {
      Deque<Envelope> d = queues.remove(queue);
      return d == null ? 0 : d.size();
    }

    @Override
    public void ack(String queue, Envelope envelope) {
      acked.add(new String(envelope.body(), StandardCharsets.UTF_8));
    }

    @Override
    public void reject(String queue, Envelope envelope) {
      rejected.add(new String(envelope.body(), StandardCharsets.UTF_8));
    }

    @Override
    public void requeue(String queue, Envelope envelope) {
      requeued.add(new String(envelope.body(), StandardCharsets.UTF_8));
      put(queue, envelope.withRedelivered());
    }
  }

  /** Serves {@code poison://} over one {@link PoisonStore}. */
  private static final class PoisonProvider implements TransportProvider {
    private final PoisonStore store;

    PoisonProvider(PoisonStore store) {
      this.store = store;
    }

    @Override
    public String name() {
      return "poison";
    }

    @Override
    public Set<String> schemes() {
      return Set.of("poison");
    }

    @Override
    public TransportCapabilities capabilities() {
      return TransportCapabilities.builder().build();
    }

    @Override
    public Transport create(BrokerUrl url, TransportOptions options) {
      return new VirtualTransport(url, options, Clock.systemUTC()) {
        @Override
        protected MessageStore openStore() {
          return store;
        }

        @Override
        public TransportCapabilities capabilities() {
          return TransportCapabilities.builder().build();
        }
      };
    }
  }
}
