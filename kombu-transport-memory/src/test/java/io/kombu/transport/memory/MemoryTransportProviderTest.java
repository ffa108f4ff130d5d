package io.kombu.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.KombuTimeoutException;
import io.kombu.NotFoundException;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Delivery;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import io.kombu.spi.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MemoryTransportProvider")
class MemoryTransportProviderTest {
  private final String prefix = "mtp-" + UUID.randomUUID() + "-";
  private Transport transport;
  private TransportConnection connection;

  @BeforeEach
  void open() {
    transport = new MemoryTransportProvider().create(BrokerUrl.builder("memory").build(), TransportOptions.defaults());
    connection = transport.connect();
  }

  @AfterEach
  void close() {
    transport.close();
  }

  private static OutboundMessage text(String body) {
    return new OutboundMessage(body.getBytes(StandardCharsets.UTF_8), "text/plain", "utf-8", Map.of(),
        Map.of("delivery_mode", 2));
  }

  @Test
  @DisplayName("ServiceLoader finds the provider under the name and scheme memory")
  void discovered() {
    List<TransportProvider> found = new ArrayList<>();
    ServiceLoader.load(TransportProvider.class).forEach(found::add);
    assertThat(found).anySatisfy(p -> {
      assertThat(p).isInstanceOf(MemoryTransportProvider.class);
      assertThat(p.name()).isEqualTo("memory");
      assertThat(p.schemes()).containsExactly("memory");
    });
  }

  @Test
  @DisplayName("capabilities claim all four exchange types and priority, and no persistence")
  void capabilities() {
    var caps = new MemoryTransportProvider().capabilities();
    assertThat(caps.exchangeTypes())
        .containsExactlyInAnyOrder(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT, ExchangeType.HEADERS);
    assertThat(caps.priority()).isTrue();
    assertThat(caps.persistent()).isFalse();
    assertThat(transport.capabilities()).isEqualTo(caps);
  }

  @Test
  @DisplayName("a message published on one connection is consumed on another through drainEvents")
  void publishConsumeAcrossConnections() {
    String ex = prefix + "ex";
    String q = prefix + "q";
    TransportChannel producer = connection.openChannel();
    producer.exchangeDeclare(Exchange.direct(ex).build());
    producer.queueDeclare(q, false, true, false, false, Map.of());
    producer.queueBind(q, ex, "rk", Map.of());
    producer.basicPublish(text("hello"), ex, "rk", false, null);

    Transport other = new MemoryTransportProvider().create(BrokerUrl.builder("memory").build(),
        TransportOptions.defaults());
    try (TransportConnection c2 = other.connect()) {
      TransportChannel consumer = c2.openChannel();
      List<Delivery> got = new ArrayList<>();
      consumer.basicConsume(q, false, "ctag", Map.of(), d -> {
        got.add(d);
        consumer.basicAck(d.deliveryTag(), false);
      }, null);
      c2.drainEvents(Duration.ofSeconds(5));
      assertThat(got).hasSize(1);
      assertThat(new String(got.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(got.get(0).exchange()).isEqualTo(ex);
      assertThat(got.get(0).routingKey()).isEqualTo("rk");
      assertThat(got.get(0).consumerTag()).isEqualTo("ctag");
      assertThat(got.get(0).properties()).containsEntry("body_encoding", "base64").containsKey("delivery_tag");
      assertThatThrownBy(() -> c2.drainEvents(Duration.ofMillis(50))).isInstanceOf(KombuTimeoutException.class);
    } finally {
      other.close();
    }
  }

  @Test
  @DisplayName("a consumer blocked in drainEvents wakes as soon as another thread publishes, without polling")
  void blockingConsumerWakesImmediately() throws Exception {
    String q = prefix + "wake";
    TransportChannel ch = connection.openChannel();
    ch.queueDeclare(q, false, true, false, false, Map.of());
    CountDownLatch received = new CountDownLatch(1);
    ch.basicConsume(q, true, "t", Map.of(), d -> received.countDown(), null);
    Thread consumer = new Thread(() -> connection.drainEvents(Duration.ofSeconds(30)));
    consumer.start();
    Transport t2 = new MemoryTransportProvider().create(BrokerUrl.builder("memory").build(),
        TransportOptions.of(Map.of("polling_interval", 60)));
    try (TransportConnection c2 = t2.connect()) {
      long start = System.nanoTime();
      c2.openChannel().basicPublish(text("x"), "", q, false, null);
      assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      consumer.join(10_000);
      assertThat(consumer.isAlive()).isFalse();
    } finally {
      t2.close();
    }
  }

  @Test
  @DisplayName("a passive declare of a queue nobody declared fails with 404")
  void passiveDeclareOfUnknownQueue() {
    TransportChannel ch = connection.openChannel();
    assertThatThrownBy(() -> ch.queueDeclare(prefix + "nope", true, false, false, false, Map.of()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.replyCode()).isEqualTo(404));
  }
}
