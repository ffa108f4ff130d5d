package io.kombu.core.virtual.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.spi.Delivery;
import io.kombu.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The virtual engine's batch publish and prefetch batching")
class VirtualBatchTest {
  private final ListStore store = new ListStore();
  private final TestTransport transport = new TestTransport(store, TransportOptions.defaults());
  private final VirtualConnection connection = (VirtualConnection) transport.connect();
  private final VirtualChannel channel = (VirtualChannel) connection.openChannel();

  @AfterEach
  void closeAll() {
    transport.close();
  }

  private static OutboundMessage msg(String body) {
    return msg(body, Map.of());
  }

  private static OutboundMessage msg(String body, Map<String, Object> headers) {
    return new OutboundMessage(body.getBytes(StandardCharsets.UTF_8), "text/plain", "utf-8", headers, Map.of());
  }

  private static List<OutboundMessage> msgs(String prefix, int n) {
    List<OutboundMessage> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(msg(prefix + i));
    }
    return out;
  }

  private static String text(Delivery d) {
    return new String(d.body(), StandardCharsets.UTF_8);
  }

  private void bind(String queue, String exchange, ExchangeType type, String key, Map<String, Object> args) {
    channel.exchangeDeclare(Exchange.builder(exchange).type(type).build());
    channel.queueDeclare(queue, false, true, false, false, Map.of());
    channel.queueBind(queue, exchange, key, args);
  }

  @Nested
  @DisplayName("basicPublishAll")
  class PublishAll {
    @Test
    @DisplayName("a batch to the default exchange reaches the store in one putAll, in order")
    void defaultExchangeOneCall() {
      channel.basicPublishAll(msgs("m", 5), "", "q", false, null);
      assertThat(store.calls).containsExactly("putAll q 5");
      assertThat(store.bodies("q")).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    @DisplayName("a topic batch is routed once and every bound queue gets the whole batch in one call")
    void topicRoutedOnce() {
      bind("a", "t", ExchangeType.TOPIC, "orders.#", Map.of());
      bind("b", "t", ExchangeType.TOPIC, "*.created", Map.of());
      bind("c", "t", ExchangeType.TOPIC, "users.*", Map.of());
      store.calls.clear();
      channel.basicPublishAll(msgs("o", 3), "t", "orders.created", false, null);
      assertThat(store.calls).containsExactlyInAnyOrder("putAll a 3", "putAll b 3");
      assertThat(store.bodies("a")).containsExactly("o0", "o1", "o2");
      assertThat(store.bodies("b")).containsExactly("o0", "o1", "o2");
      assertThat(store.bodies("c")).isEmpty();
    }

    @Test
    @DisplayName("on a headers exchange each message is routed by its own headers")
    void headersRoutedPerMessage() {
      bind("red", "h", ExchangeType.HEADERS, "", Map.of("x-match", "all", "colour", "red"));
      bind("blue", "h", ExchangeType.HEADERS, "", Map.of("x-match", "all", "colour", "blue"));
      channel.basicPublishAll(List.of(msg("r1", Map.of("colour", "red")), msg("b1", Map.of("colour", "blue")),
          msg("r2", Map.of("colour", "red"))), "h", "", false, null);
      assertThat(store.bodies("red")).containsExactly("r1", "r2");
      assertThat(store.bodies("blue")).containsExactly("b1");
    }

    @Test
    @DisplayName("every message of a batch gets its own delivery tag")
    void distinctTags() {
      channel.basicPublishAll(msgs("m", 3), "", "q", false, null);
      assertThat(store.queues.get("q")).extracting(e -> e.deliveryTag()).doesNotHaveDuplicates().hasSize(3);
    }
  }

  @Nested
  @DisplayName("prefetch batching")
  class PrefetchBatching {
    private final List<Delivery> got = new ArrayList<>();

    private void consume(int prefetch, int batchLimit) {
      store.batchLimit = batchLimit;
      channel.basicQos(0, prefetch, false);
      channel.basicConsume("q", false, "c", Map.of(), got::add, null);
    }

    @Test
    @DisplayName("one get takes min(prefetch room, store limit) messages; each drain still delivers one")
    void takesRoomThenDeliversOneByOne() {
      channel.basicPublishAll(msgs("m", 20), "", "q", false, null);
      consume(5, 10);
      store.calls.clear();
      assertThat(channel.drainOne()).isTrue();
      assertThat(store.calls).containsExactly("getBatch q 5", "unacked q", "unacked q", "unacked q", "unacked q",
          "unacked q");
      assertThat(got).hasSize(1);
      assertThat(channel.buffered()).isEqualTo(4);
      assertThat(channel.qos().unackedCount()).isEqualTo(5);
      for (int i = 0; i < 4; i++) {
        assertThat(channel.drainOne()).isTrue();
      }
      assertThat(channel.drainOne()).as("prefetch exhausted").isFalse();
      assertThat(got).extracting(VirtualBatchTest::text).containsExactly("m0", "m1", "m2", "m3", "m4");
      assertThat(store.size("q")).isEqualTo(15);

      channel.basicAck(got.get(0).deliveryTag(), false);
      channel.basicAck(got.get(1).deliveryTag(), false);
      store.calls.clear();
      assertThat(channel.drainOne()).isTrue();
      assertThat(store.calls).first().isEqualTo("getBatch q 2");
      assertThat(got).extracting(Delivery::deliveryTag).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("the store's limit caps a batch below the prefetch room")
    void capByStoreLimit() {
      channel.basicPublishAll(msgs("m", 20), "", "q", false, null);
      consume(100, 4);
      store.calls.clear();
      channel.drainOne();
      assertThat(store.calls).first().isEqualTo("getBatch q 4");
    }

    @Test
    @DisplayName("a store without batch gets and a no-ack consumer keep single gets")
    void singleGetsOtherwise() {
      channel.basicPublishAll(msgs("m", 5), "", "q", false, null);
      store.batchLimit = 1;
      channel.basicQos(0, 10, false);
      channel.basicConsume("q", false, "c", Map.of(), got::add, null);
      channel.drainOne();
      channel.basicCancel("c");
      store.batchLimit = 10;
      channel.basicConsume("q", true, "n", Map.of(), got::add, null);
      channel.drainOne();
      assertThat(store.calls).noneMatch(c -> c.startsWith("getBatch"));
      assertThat(channel.buffered()).isZero();
    }

    @Test
    @DisplayName("closing a channel with a full buffer puts every message back in order, none lost")
    void closeRestoresBuffer() {
      channel.basicPublishAll(msgs("m", 10), "", "q", false, null);
      consume(8, 8);
      channel.drainOne();
      channel.drainOne();
      channel.basicAck(got.get(0).deliveryTag(), false);
      assertThat(channel.buffered()).isEqualTo(6);
      channel.close();
      assertThat(store.bodies("q")).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
      assertThat(store.queues.get("q")).filteredOn(e -> !e.redelivered()).extracting(e -> new String(e.body()))
          .containsExactly("m8", "m9");
    }

    @Test
    @DisplayName("cancelling the consumer puts its buffered messages back and frees their prefetch slots")
    void cancelRestoresBuffer() {
      channel.basicPublishAll(msgs("m", 6), "", "q", false, null);
      consume(4, 4);
      channel.drainOne();
      assertThat(channel.buffered()).isEqualTo(3);
      channel.basicCancel("c");
      assertThat(channel.buffered()).isZero();
      assertThat(channel.qos().unackedCount()).isEqualTo(1);
      assertThat(store.bodies("q")).containsExactly("m1", "m2", "m3", "m4", "m5");
      channel.basicAck(got.get(0).deliveryTag(), false);
      assertThat(store.calls).contains("ack q m0");
    }

    @Test
    @DisplayName("recover puts back delivered and buffered messages alike")
    void recoverRestoresBuffer() {
      channel.basicPublishAll(msgs("m", 3), "", "q", false, null);
      consume(3, 3);
      channel.drainOne();
      channel.basicRecover(true);
      assertThat(channel.buffered()).isZero();
      assertThat(store.bodies("q")).containsExactly("m0", "m1", "m2");
      got.clear();
      assertThat(channel.drainOne()).isTrue();
      assertThat(got).extracting(VirtualBatchTest::text).containsExactly("m0");
      assertThat(got.get(0).redelivered()).isTrue();
    }
  }
}
