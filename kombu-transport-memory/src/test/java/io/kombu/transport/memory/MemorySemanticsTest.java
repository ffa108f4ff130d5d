package io.kombu.transport.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Exchange;
import io.kombu.TransportOptions;
import io.kombu.core.virtual.BrokerState;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Delivery;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import io.kombu.transport.memory.internal.MemoryStore;
import io.kombu.transport.memory.internal.MemoryTransport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The memory transport's deliberate deviations from Kombu's memory transport, checked through the SPI. */
@DisplayName("memory:// deviations from Kombu")
class MemorySemanticsTest {
  private final MemoryTransport transport = new MemoryTransport(BrokerUrl.builder("memory").build(),
      TransportOptions.defaults(), Clock.systemUTC(), new MemoryTransportProvider().capabilities(), new MemoryStore(),
      new BrokerState());
  private final TransportConnection connection = transport.connect();
  private final TransportChannel channel = connection.openChannel();

  @AfterEach
  void close() {
    transport.close();
  }

  private static OutboundMessage msg(String body, int priority) {
    return new OutboundMessage(body.getBytes(StandardCharsets.UTF_8), "text/plain", "utf-8", Map.of(),
        Map.of("priority", priority));
  }

  private List<String> drainAll(TransportChannel ch, String queue) {
    List<String> out = new ArrayList<>();
    for (Optional<Delivery> d = ch.basicGet(queue, true); d.isPresent(); d = ch.basicGet(queue, true)) {
      out.add(new String(d.get().body(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  @DisplayName("closing a channel puts its unacked messages back at the front of their queue, in their order")
  void closeRestoresToFront() {
    for (String b : List.of("a", "b", "c", "d")) {
      channel.basicPublish(msg(b, 0), "", "q", false, null);
    }
    TransportChannel consumer = connection.openChannel();
    consumer.basicGet("q", false).orElseThrow();
    consumer.basicGet("q", false).orElseThrow();
    consumer.close();
    assertThat(drainAll(channel, "q")).containsExactly("a", "b", "c", "d");
  }

  @Test
  @DisplayName("restored messages are flagged redelivered")
  void restoredAreRedelivered() {
    channel.basicPublish(msg("a", 0), "", "q", false, null);
    TransportChannel consumer = connection.openChannel();
    assertThat(consumer.basicGet("q", false).orElseThrow().redelivered()).isFalse();
    consumer.close();
    assertThat(channel.basicGet("q", true).orElseThrow().redelivered()).isTrue();
  }

  @Test
  @DisplayName("higher priority messages are consumed first")
  void priority() {
    channel.basicPublish(msg("p0", 0), "", "q", false, null);
    channel.basicPublish(msg("p9", 9), "", "q", false, null);
    channel.basicPublish(msg("p5", 5), "", "q", false, null);
    assertThat(drainAll(channel, "q")).containsExactly("p9", "p5", "p0");
  }

  @Test
  @DisplayName("a requeue of a message routed to two queues puts it back in its own queue only")
  void requeueDoesNotDuplicate() {
    channel.exchangeDeclare(Exchange.direct("ex").build());
    for (String q : List.of("q1", "q2")) {
      channel.queueDeclare(q, false, true, false, false, Map.of());
      channel.queueBind(q, "ex", "k", Map.of());
    }
    channel.basicPublish(msg("m", 0), "ex", "k", false, null);
    Delivery d = channel.basicGet("q1", false).orElseThrow();
    channel.basicReject(d.deliveryTag(), true);
    assertThat(drainAll(channel, "q1")).containsExactly("m");
    assertThat(drainAll(channel, "q2")).containsExactly("m");
  }

  @Test
  @DisplayName("fanout exchanges copy a message into every bound queue")
  void fanout() {
    channel.exchangeDeclare(Exchange.fanout("fan").build());
    for (String q : List.of("f1", "f2")) {
      channel.queueDeclare(q, false, true, false, false, Map.of());
      channel.queueBind(q, "fan", "", Map.of());
    }
    channel.basicPublish(msg("m", 0), "fan", "whatever", false, null);
    assertThat(drainAll(channel, "f1")).containsExactly("m");
    assertThat(drainAll(channel, "f2")).containsExactly("m");
  }

  @Test
  @DisplayName("a consumer with prefetch 1 gets the next message only after acking the previous one")
  void prefetchOne() {
    for (String b : List.of("a", "b")) {
      channel.basicPublish(msg(b, 0), "", "pq", false, null);
    }
    channel.basicQos(0, 1, false);
    List<Delivery> got = new ArrayList<>();
    channel.basicConsume("pq", false, "c", Map.of(), got::add, null);
    connection.drainEvents(Duration.ofSeconds(1));
    assertThat(got).hasSize(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.drainEvents(Duration.ofMillis(100)))
        .isInstanceOf(io.kombu.KombuTimeoutException.class);
    channel.basicAck(got.get(0).deliveryTag(), false);
    connection.drainEvents(Duration.ofSeconds(1));
    assertThat(got).hasSize(2);
  }
}
