package io.kombu.core.virtual.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.IrrecoverableChannelException;
import io.kombu.KombuTimeoutException;
import io.kombu.NotFoundException;
import io.kombu.PreconditionFailedException;
import io.kombu.QueueDeclareResult;
import io.kombu.TransportOptions;
import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.VirtualTransportUnsupportedException;
import io.kombu.spi.Delivery;
import io.kombu.spi.OutboundMessage;
import io.kombu.spi.TransportChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The virtual engine's channel and connection")
class VirtualChannelTest {
  private ListStore store = new ListStore();
  private TestTransport transport = new TestTransport(store, TransportOptions.defaults());
  private VirtualConnection connection = (VirtualConnection) transport.connect();
  private VirtualChannel channel = (VirtualChannel) connection.openChannel();

  @AfterEach
  void closeAll() {
    transport.close();
  }

  private void reopen(TransportOptions options) {
    transport.close();
    store = new ListStore();
    transport = new TestTransport(store, options);
    connection = (VirtualConnection) transport.connect();
    channel = (VirtualChannel) connection.openChannel();
  }

  private static OutboundMessage msg(String body) {
    return new OutboundMessage(body.getBytes(StandardCharsets.UTF_8), "text/plain", "utf-8", Map.of(), Map.of());
  }

  private static String text(Delivery d) {
    return new String(d.body(), StandardCharsets.UTF_8);
  }

  private void declare(String exchange, ExchangeType type) {
    channel.exchangeDeclare(Exchange.builder(exchange).type(type).build());
  }

  private void bind(String queue, String exchange, String key) {
    channel.queueDeclare(queue, false, true, false, false, Map.of());
    channel.queueBind(queue, exchange, key, Map.of());
  }

  @Nested
  @DisplayName("publishing and routing")
  class Routing {
    @Test
    @DisplayName("spec case 22: a fanout publish on a store without fanout support stores nothing")
    void fanoutWithoutSupport() {
      declare("fan", ExchangeType.FANOUT);
      bind("q1", "fan", "");
      channel.basicPublish(msg("m"), "fan", "", false, null);
      assertThat(store.size("q1")).isZero();
    }

    @Test
    @DisplayName("a fanout publish on a store with fanout support reaches every bound queue")
    void fanoutWithSupport() {
      store.fanout = true;
      declare("fan", ExchangeType.FANOUT);
      bind("q1", "fan", "");
      bind("q2", "fan", "other");
      channel.basicPublish(msg("m"), "fan", "ignored", false, null);
      assertThat(store.bodies("q1")).containsExactly("m");
      assertThat(store.bodies("q2")).containsExactly("m");
    }

    @Test
    @DisplayName("spec case 23: the default exchange stores into the queue named by the key, declared or not")
    void defaultExchange() {
      channel.basicPublish(msg("m"), "", "q1", false, null);
      assertThat(store.bodies("q1")).containsExactly("m");
    }

    @Test
    @DisplayName("spec case 24: declaring a nameless topic exchange creates amq.topic")
    void namelessExchange() {
      channel.exchangeDeclare(Exchange.builder("").type(ExchangeType.TOPIC).build());
      assertThat(transport.state().exchange("amq.topic")).isNotNull();
    }

    @Test
    @DisplayName("spec case 25: binding to the nameless exchange targets amq.direct, which must be declared")
    void bindToNamelessExchange() {
      channel.queueDeclare("q1", false, true, false, false, Map.of());
      assertThatThrownBy(() -> channel.queueBind("q1", "", "k", Map.of()))
          .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.replyCode()).isEqualTo(404))
          .hasMessageContaining("amq.direct");
      channel.exchangeDeclare(Exchange.builder("").build());
      channel.queueBind("q1", "", "k", Map.of());
      assertThat(transport.state().table("amq.direct")).hasSize(1);
    }

    @Test
    @DisplayName("spec case 26: binding twice leaves one row in the table")
    void bindTwice() {
      declare("ex", ExchangeType.DIRECT);
      bind("q1", "ex", "k");
      bind("q1", "ex", "k");
      assertThat(transport.state().table("ex")).hasSize(1);
      channel.basicPublish(msg("m"), "ex", "k", false, null);
      assertThat(store.size("q1")).isEqualTo(1);
    }

    @Test
    @DisplayName("spec case 27: a declared direct exchange without bindings silently drops the message")
    void unroutableDropped() {
      declare("ex", ExchangeType.DIRECT);
      assertThatCode(() -> channel.basicPublish(msg("m"), "ex", "k", true, null)).doesNotThrowAnyException();
      assertThat(store.calls).noneMatch(c -> c.startsWith("put"));
    }

    @Test
    @DisplayName("spec case 28: with deadletter_queue an unroutable message goes to the dead-letter queue")
    void deadLetter() {
      reopen(TransportOptions.of(Map.of("deadletter_queue", "dlq")));
      declare("ex", ExchangeType.DIRECT);
      channel.basicPublish(msg("m"), "ex", "k", false, null);
      assertThat(store.bodies("dlq")).containsExactly("m");
      assertThat(store.declared).contains("dlq");
    }

    @Test
    @DisplayName("spec case 29: a topic exchange drops an unmatched message even with a dead-letter queue")
    void topicSkipsDeadLetter() {
      reopen(TransportOptions.of(Map.of("deadletter_queue", "dlq")));
      declare("top", ExchangeType.TOPIC);
      bind("q1", "top", "a.*");
      channel.basicPublish(msg("m"), "top", "b.c", false, null);
      assertThat(store.size("dlq")).isZero();
      assertThat(store.size("q1")).isZero();
      channel.basicPublish(msg("m2"), "top", "a.c", false, null);
      assertThat(store.bodies("q1")).containsExactly("m2");
    }

    @Test
    @DisplayName("spec case 30: a publish to an exchange never declared on this connection is dropped")
    void undeclaredExchange() {
      channel.basicPublish(msg("m"), "nowhere", "q1", false, null);
      assertThat(store.calls).noneMatch(c -> c.startsWith("put"));
    }

    @Test
    @DisplayName("headers exchanges route by the message headers")
    void headersExchange() {
      declare("hdr", ExchangeType.HEADERS);
      channel.queueDeclare("pdf", false, true, false, false, Map.of());
      channel.queueBind("pdf", "hdr", "", Map.of("x-match", "all", "format", "pdf"));
      OutboundMessage pdf = new OutboundMessage(new byte[] {1}, null, null, Map.of("format", "pdf"), Map.of());
      OutboundMessage zip = new OutboundMessage(new byte[] {2}, null, null, Map.of("format", "zip"), Map.of());
      channel.basicPublish(pdf, "hdr", "", false, null);
      channel.basicPublish(zip, "hdr", "", false, null);
      assertThat(store.size("pdf")).isEqualTo(1);
      assertThat(store.queues.get("pdf").peekFirst().body()).containsExactly(1);
    }

    @Test
    @DisplayName("unbinding removes the row, so the key no longer routes")
    void unbind() {
      declare("ex", ExchangeType.DIRECT);
      bind("q1", "ex", "k");
      channel.queueUnbind("q1", "ex", "k", Map.of());
      channel.basicPublish(msg("m"), "ex", "k", false, null);
      assertThat(store.size("q1")).isZero();
      assertThat(transport.state().isBound("q1", "ex", "k")).isFalse();
    }
  }

  @Nested
  @DisplayName("declarations")
  class Declarations {
    @Test
    @DisplayName("spec case 31: a passive declare of an unknown exchange fails with 404 NOT_FOUND")
    void passiveUnknownExchange() {
      assertThatThrownBy(() -> channel.exchangeDeclare(Exchange.direct("nope").passive(true).build()))
          .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.replyCode()).isEqualTo(404))
          .hasMessage("NOT_FOUND - no exchange 'nope' in vhost '/'");
      declare("yes", ExchangeType.DIRECT);
      assertThatCode(() -> channel.exchangeDeclare(Exchange.topic("yes").passive(true).build()))
          .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("spec case 32: redeclaring with other durability fails with 406; identical redeclare is a no-op")
    void redeclare() {
      channel.exchangeDeclare(Exchange.direct("ex").durable(true).build());
      assertThatCode(() -> channel.exchangeDeclare(Exchange.direct("ex").durable(true).arguments(Map.of()).build()))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> channel.exchangeDeclare(Exchange.direct("ex").durable(false).build()))
          .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(e.replyCode()).isEqualTo(406))
          .hasMessageContaining("Cannot redeclare exchange 'ex' in vhost '/' with different type, durable, "
              + "autodelete or arguments value");
      assertThatThrownBy(() -> channel.exchangeDeclare(Exchange.topic("ex").build()))
          .isInstanceOf(PreconditionFailedException.class);
      assertThatThrownBy(() -> channel.exchangeDeclare(Exchange.direct("ex").argument("a", 1).build()))
          .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    @DisplayName("an exchange type the engine cannot route is refused at declaration")
    void pluginTypeRefused() {
      assertThatThrownBy(() -> channel.exchangeDeclare(
              Exchange.builder("d").type(ExchangeType.of("x-delayed-message")).build()))
          .isInstanceOf(IrrecoverableChannelException.class).hasMessageContaining("x-delayed-message");
    }

    @Test
    @DisplayName("spec case 33: a nameless queue declare returns a 44-character amq.gen- name, its size and 0 consumers")
    void serverNamedQueue() {
      QueueDeclareResult r = channel.queueDeclare("", false, false, true, true, Map.of());
      assertThat(r.name()).startsWith("amq.gen-").hasSize(44)
          .matches("amq\\.gen-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(r.messageCount()).isZero();
      assertThat(r.consumerCount()).isZero();
      channel.basicPublish(msg("m"), "", "q1", false, null);
      assertThat(channel.queueDeclare("q1", false, true, false, false, Map.of()))
          .isEqualTo(new QueueDeclareResult("q1", 1, 0));
    }

    @Test
    @DisplayName("spec case 34: a passive queue declare fails with 404 when the store does not have the queue")
    void passiveQueue() {
      store.strictHasQueue = true;
      assertThatThrownBy(() -> channel.queueDeclare("q1", true, false, false, false, Map.of()))
          .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.replyCode()).isEqualTo(404))
          .hasMessage("NOT_FOUND - no queue 'q1' in vhost '/'");
      channel.queueDeclare("q1", false, false, false, false, Map.of());
      assertThat(channel.queueDeclare("q1", true, false, false, false, Map.of()).name()).isEqualTo("q1");
    }

    @Test
    @DisplayName("spec case 35: deleting a non-empty queue with ifEmpty keeps it and its bindings")
    void deleteIfEmpty() {
      declare("ex", ExchangeType.DIRECT);
      bind("q1", "ex", "k");
      channel.basicPublish(msg("m"), "ex", "k", false, null);
      assertThat(channel.queueDelete("q1", false, true)).isZero();
      assertThat(transport.state().isBound("q1", "ex", "k")).isTrue();
      assertThat(store.size("q1")).isEqualTo(1);
      assertThat(channel.queueDelete("q1", false, false)).isEqualTo(1);
      assertThat(transport.state().isBound("q1", "ex", "k")).isFalse();
      assertThat(store.calls).contains("delete q1");
    }

    @Test
    @DisplayName("spec case 36: deleting an exchange deletes its empty bound queues and leaves non-empty ones alone")
    void exchangeDelete() {
      declare("ex", ExchangeType.DIRECT);
      bind("empty", "ex", "k1");
      bind("full", "ex", "k2");
      channel.basicPublish(msg("m"), "ex", "k2", false, null);
      channel.exchangeDelete("ex", false);
      assertThat(transport.state().exchange("ex")).isNull();
      assertThat(transport.state().isBound("empty", "ex", "k1")).isFalse();
      assertThat(store.calls).contains("delete empty").doesNotContain("delete full");
      assertThat(store.size("full")).isEqualTo(1);
    }

    @Test
    @DisplayName("deleting an exchange that still has bindings with ifUnused fails with 406")
    void exchangeDeleteIfUnused() {
      declare("ex", ExchangeType.DIRECT);
      bind("q1", "ex", "k");
      assertThatThrownBy(() -> channel.exchangeDelete("ex", true))
          .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(e.replyCode()).isEqualTo(406));
      assertThatCode(() -> channel.exchangeDelete("unknown", false)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a queue is deleted even when this connection knows none of its bindings (deviation from Kombu)")
    void deleteUnboundQueue() {
      channel.basicPublish(msg("m"), "", "loose", false, null);
      assertThat(channel.queueDelete("loose", false, false)).isEqualTo(1);
      assertThat(store.calls).contains("delete loose");
    }

    @Test
    @DisplayName("purge returns the number of removed messages")
    void purge() {
      channel.basicPublish(msg("a"), "", "q1", false, null);
      channel.basicPublish(msg("b"), "", "q1", false, null);
      assertThat(channel.queuePurge("q1")).isEqualTo(2);
      assertThat(store.size("q1")).isZero();
    }

    @Test
    @DisplayName("exchange-to-exchange bindings and flow control are refused with a clear exception")
    void unsupported() {
      assertThatThrownBy(() -> channel.exchangeBind("a", "b", "k", Map.of()))
          .isInstanceOf(VirtualTransportUnsupportedException.class).hasMessageContaining("exchange-to-exchange");
      assertThatThrownBy(() -> channel.exchangeUnbind("a", "b", "k", Map.of()))
          .isInstanceOf(VirtualTransportUnsupportedException.class);
      assertThatThrownBy(() -> channel.flow(false))
          .isInstanceOf(VirtualTransportUnsupportedException.class).hasMessageContaining("flow");
    }
  }

  @Nested
  @DisplayName("envelopes and delivery tags")
  class Envelopes {
    @Test
    @DisplayName("spec case 37: two publishes, even on two channels, get different uuid delivery tags")
    void distinctTags() {
      TransportChannel other = connection.openChannel();
      channel.basicPublish(msg("a"), "", "q1", false, null);
      other.basicPublish(msg("b"), "", "q1", false, null);
      String t1 = store.queues.get("q1").pollFirst().deliveryTag();
      String t2 = store.queues.get("q1").pollFirst().deliveryTag();
      assertThat(t1).isNotEqualTo(t2);
      assertThat(t1).doesNotMatch("\\d+").hasSize(36);
      assertThat(t2).doesNotMatch("\\d+").hasSize(36);
    }

    @Test
    @DisplayName("spec case 38: a published body comes back byte for byte with the publish's exchange and key")
    void roundTrip() {
      declare("ex", ExchangeType.DIRECT);
      bind("q1", "ex", "k");
      channel.basicPublish(msg("the quick brown fox jumps over the lazy dog"), "ex", "k", false, null);
      Delivery d = channel.basicGet("q1", true).orElseThrow();
      assertThat(text(d)).isEqualTo("the quick brown fox jumps over the lazy dog");
      assertThat(d.exchange()).isEqualTo("ex");
      assertThat(d.routingKey()).isEqualTo("k");
      assertThat(d.properties().get("delivery_info")).isEqualTo(Map.of("exchange", "ex", "routing_key", "k"));
      assertThat(d.properties()).containsEntry("body_encoding", "base64");
      assertThat(d.contentType()).isEqualTo("text/plain");
      assertThat(d.redelivered()).isFalse();
    }

    @Test
    @DisplayName("spec case 39 (deviation): a requeued compressed message keeps its compressed body, header and tag")
    void requeueKeepsCompression() {
      byte[] gz = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0};
      OutboundMessage m = new OutboundMessage(gz, "application/json", "utf-8",
          Map.of("compression", "application/x-gzip"), Map.of());
      channel.basicPublish(m, "", "q1", false, null);
      String tag = store.queues.get("q1").peekFirst().deliveryTag();
      Delivery d = channel.basicGet("q1", false).orElseThrow();
      channel.basicReject(d.deliveryTag(), true);
      Envelope back = store.queues.get("q1").peekFirst();
      assertThat(back.deliveryTag()).isEqualTo(tag);
      assertThat(back.body()).isEqualTo(gz);
      assertThat(back.headers()).containsEntry("compression", "application/x-gzip");
      Delivery again = channel.basicGet("q1", true).orElseThrow();
      assertThat(again.redelivered()).isTrue();
      assertThat(again.body()).isEqualTo(gz);
    }

    @Test
    @DisplayName("channel delivery tags count 1, 2, 3 per channel")
    void numericTags() {
      for (int i = 0; i < 3; i++) {
        channel.basicPublish(msg("m" + i), "", "q1", false, null);
      }
      assertThat(channel.basicGet("q1", false).orElseThrow().deliveryTag()).isEqualTo(1);
      assertThat(channel.basicGet("q1", true).orElseThrow().deliveryTag()).isEqualTo(2);
      TransportChannel other = connection.openChannel();
      assertThat(other.basicGet("q1", true).orElseThrow().deliveryTag()).isEqualTo(1);
      assertThat(channel.basicGet("q1", true)).isEmpty();
    }
  }

  @Nested
  @DisplayName("QoS, acks and restore")
  class QosAndAcks {
    private Unacked item(int i) {
      OutboundMessage m = msg("m" + i);
      return new Unacked("q", Envelope.forPublish(m, "", "q", "base64", "t" + i));
    }

    @Test
    @DisplayName("spec case 40: with prefetch 10, nine deliveries still allow one more, ten do not, a settle frees one")
    void prefetch() {
      Qos qos = new Qos();
      qos.prefetchCount(10);
      for (int i = 1; i <= 9; i++) {
        qos.append(i, item(i));
      }
      assertThat(qos.canConsume()).isTrue();
      assertThat(qos.canConsumeMaxEstimate()).isEqualTo(1);
      qos.append(10, item(10));
      assertThat(qos.canConsume()).isFalse();
      assertThat(qos.canConsumeMaxEstimate()).isZero();
      qos.settled(1);
      assertThat(qos.canConsume()).isTrue();
      qos.append(11, item(11));
      assertThat(qos.canConsume()).isFalse();
      qos.settled(2);
      assertThat(qos.canConsume()).isTrue();
      assertThat(new Qos().canConsumeMaxEstimate()).isNull();
    }

    @Test
    @DisplayName("spec case 40 through the channel: prefetch stops draining until a message is acked or rejected")
    void prefetchThroughChannel() {
      channel.basicQos(0, 2, false);
      for (int i = 0; i < 5; i++) {
        channel.basicPublish(msg("m" + i), "", "q1", false, null);
      }
      List<Delivery> got = new ArrayList<>();
      channel.basicConsume("q1", false, "c", Map.of(), got::add, null);
      assertThat(channel.drainOne()).isTrue();
      assertThat(channel.drainOne()).isTrue();
      assertThat(channel.drainOne()).isFalse();
      channel.basicAck(got.get(0).deliveryTag(), false);
      assertThat(channel.drainOne()).isTrue();
      channel.basicReject(got.get(1).deliveryTag(), false);
      assertThat(channel.drainOne()).isTrue();
      assertThat(got).extracting(VirtualChannelTest::text).containsExactly("m0", "m1", "m2", "m3");
      assertThat(store.calls).contains("ack q1 m0", "ack q1 m1");
    }

    @Test
    @DisplayName("spec case 41: closing restores the unacked messages newest first, once")
    void restoreLifo() {
      for (int i = 0; i <= 11; i++) {
        channel.basicPublish(msg("m" + i), "", "q", false, null);
      }
      List<Delivery> got = new ArrayList<>();
      for (int i = 0; i <= 9; i++) {
        got.add(channel.basicGet("q", false).orElseThrow());
      }
      channel.basicAck(got.get(0).deliveryTag(), false);
      Delivery ten = channel.basicGet("q", false).orElseThrow();
      channel.basicReject(ten.deliveryTag(), false);
      Delivery eleven = channel.basicGet("q", false).orElseThrow();
      channel.basicReject(eleven.deliveryTag(), true);
      assertThat(store.calls).contains("requeue q m11");
      store.calls.clear();
      assertThat(channel.restoreUnackedOnce()).isEmpty();
      assertThat(store.calls).containsExactly(
          "restore q m9", "restore q m8", "restore q m7", "restore q m6", "restore q m5",
          "restore q m4", "restore q m3", "restore q m2", "restore q m1");
      store.calls.clear();
      channel.restoreUnackedOnce();
      channel.close();
      assertThat(store.calls).isEmpty();
      assertThat(store.bodies("q")).containsExactly("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m11");
    }

    @Test
    @DisplayName("closing a channel puts its unacked messages back, marked redelivered, and ignores no-ack ones")
    void closeRestores() {
      channel.basicPublish(msg("a"), "", "q", false, null);
      channel.basicPublish(msg("b"), "", "q", false, null);
      channel.basicGet("q", false).orElseThrow();
      channel.basicGet("q", true).orElseThrow();
      channel.close();
      assertThat(channel.isOpen()).isFalse();
      assertThat(store.bodies("q")).containsExactly("a");
      assertThat(store.queues.get("q").peekFirst().redelivered()).isTrue();
      assertThatCode(channel::close).doesNotThrowAnyException();
      assertThatThrownBy(() -> channel.basicGet("q", true)).isInstanceOf(ChannelException.class);
    }

    @Test
    @DisplayName("spec case 42: recover without requeue is refused; basicQos sets the prefetch count")
    void recoverAndQos() {
      assertThatThrownBy(() -> channel.basicRecover(false))
          .isInstanceOf(VirtualTransportUnsupportedException.class)
          .hasMessageContaining("virtual transports only support recover(requeue=true)");
      channel.basicQos(0, 128, false);
      assertThat(channel.qos().prefetchCount()).isEqualTo(128);
    }

    @Test
    @DisplayName("recover with requeue puts every unacked message back in order and forgets them")
    void recover() {
      for (String b : List.of("a", "b", "c")) {
        channel.basicPublish(msg(b), "", "q", false, null);
      }
      Delivery a = channel.basicGet("q", false).orElseThrow();
      channel.basicGet("q", false).orElseThrow();
      channel.basicRecover(true);
      assertThat(store.bodies("q")).containsExactly("a", "b", "c");
      assertThat(channel.qos().unackedCount()).isZero();
      channel.basicAck(a.deliveryTag(), false);
      assertThat(store.calls).noneMatch(c -> c.startsWith("ack"));
    }

    @Test
    @DisplayName("ack and reject of unknown or already settled tags are ignored, as in Kombu")
    void unknownTags() {
      channel.basicPublish(msg("a"), "", "q", false, null);
      Delivery d = channel.basicGet("q", false).orElseThrow();
      channel.basicAck(d.deliveryTag(), true);
      assertThatCode(() -> {
        channel.basicAck(d.deliveryTag(), false);
        channel.basicReject(d.deliveryTag(), true);
        channel.basicAck(999, false);
      }).doesNotThrowAnyException();
      assertThat(store.calls.stream().filter(c -> c.startsWith("ack"))).hasSize(1);
      assertThat(store.size("q")).isZero();
    }

    @Test
    @DisplayName("recordUnacked is told about deliveries that need an ack, not about no-ack ones")
    void recordUnacked() {
      channel.basicPublish(msg("a"), "", "q", false, null);
      channel.basicPublish(msg("b"), "", "q", false, null);
      channel.basicGet("q", false);
      channel.basicGet("q", true);
      assertThat(store.calls.stream().filter(c -> c.startsWith("unacked"))).hasSize(1);
    }

    @Test
    @DisplayName("spec case 49 (inverted): a requeue goes back to its own queue only, with no copy in other bound queues")
    void requeueDoesNotDuplicate() {
      declare("ex", ExchangeType.DIRECT);
      bind("q1", "ex", "k");
      bind("q2", "ex", "k");
      channel.basicPublish(msg("m"), "ex", "k", false, null);
      assertThat(store.size("q1")).isEqualTo(1);
      assertThat(store.size("q2")).isEqualTo(1);
      Delivery d = channel.basicGet("q1", false).orElseThrow();
      channel.basicReject(d.deliveryTag(), true);
      assertThat(store.size("q1")).isEqualTo(1);
      assertThat(store.size("q2")).isEqualTo(1);
      Delivery again = channel.basicGet("q1", false).orElseThrow();
      channel.close();
      assertThat(store.size("q1")).isEqualTo(1);
      assertThat(store.size("q2")).isEqualTo(1);
      assertThat(again.redelivered()).isTrue();
    }
  }

  @Nested
  @DisplayName("consuming and draining")
  class Consuming {
    @Test
    @DisplayName("spec case 43: a channel without consumers has nothing to drain")
    void noConsumers() {
      channel.basicPublish(msg("a"), "", "q", false, null);
      assertThat(channel.drainOne()).isFalse();
    }

    @Test
    @DisplayName("spec case 43: drainEvents with a 0.5 s timeout and a 60 s polling interval times out after about 0.5 s")
    void drainTimeout() {
      reopen(TransportOptions.of(Map.of("polling_interval", 60)));
      channel.basicConsume("q", true, "c", Map.of(), d -> { }, null);
      long start = System.nanoTime();
      assertThatThrownBy(() -> connection.drainEvents(Duration.ofMillis(500)))
          .isInstanceOf(KombuTimeoutException.class).hasMessageContaining("PT0.5S");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("drainEvents delivers at most one message per call, round-robin over queues and channels")
    void oneMessagePerCall() {
      TransportChannel other = connection.openChannel();
      for (String b : List.of("a1", "a2")) {
        channel.basicPublish(msg(b), "", "qa", false, null);
      }
      for (String b : List.of("b1", "b2")) {
        channel.basicPublish(msg(b), "", "qb", false, null);
      }
      channel.basicPublish(msg("c1"), "", "qc", false, null);
      List<String> got = new ArrayList<>();
      channel.basicConsume("qa", true, "ca", Map.of(), d -> got.add(text(d)), null);
      channel.basicConsume("qb", true, "cb", Map.of(), d -> got.add(text(d)), null);
      other.basicConsume("qc", true, "cc", Map.of(), d -> got.add(text(d)), null);
      connection.drainEvents(Duration.ZERO);
      assertThat(got).containsExactly("a1");
      for (int i = 0; i < 4; i++) {
        connection.drainEvents(Duration.ZERO);
      }
      assertThat(got).containsExactly("a1", "c1", "b1", "a2", "b2");
      assertThatThrownBy(() -> connection.drainEvents(Duration.ZERO)).isInstanceOf(KombuTimeoutException.class);
    }

    @Test
    @DisplayName("deliveries to a consumer carry its tag and are recorded before the callback runs")
    void consumerDelivery() {
      channel.basicPublish(msg("a"), "", "q", false, null);
      List<Delivery> got = new ArrayList<>();
      channel.basicConsume("q", false, "tag-1", Map.of(), d -> {
        assertThat(channel.qos().unackedCount()).isEqualTo(1);
        got.add(d);
      }, null);
      connection.drainEvents(Duration.ofSeconds(1));
      assertThat(got).singleElement().satisfies(d -> assertThat(d.consumerTag()).isEqualTo("tag-1"));
    }

    @Test
    @DisplayName("spec case 47: cancelling an unknown consumer tag is not an error; cancelling stops delivery")
    void cancel() {
      assertThatCode(() -> channel.basicCancel("unknown")).doesNotThrowAnyException();
      channel.basicPublish(msg("a"), "", "q", false, null);
      channel.basicConsume("q", true, "t", Map.of(), d -> { }, null);
      channel.basicCancel("t");
      assertThat(channel.drainOne()).isFalse();
      assertThat(store.size("q")).isEqualTo(1);
    }

    @Test
    @DisplayName("a consumer tag already in use on the channel is refused")
    void duplicateTag() {
      channel.basicConsume("q", true, "t", Map.of(), d -> { }, null);
      assertThatThrownBy(() -> channel.basicConsume("q2", true, "t", Map.of(), d -> { }, null))
          .isInstanceOf(IrrecoverableChannelException.class).hasMessageContaining("'t'");
    }

    @Test
    @DisplayName("spec case 48: a message for a queue without a consumer is requeued through the first channel")
    void undeliverable() {
      Envelope e = Envelope.forPublish(msg("lost"), "", "q", "base64", "tag");
      connection.deliver("q", e);
      assertThat(store.calls).containsSubsequence("unacked q", "requeue q lost");
      assertThat(store.bodies("q")).containsExactly("lost");
      assertThat(store.queues.get("q").peekFirst().redelivered()).isTrue();
    }
  }

  @Nested
  @DisplayName("store hooks for persisted bindings")
  class PersistedBindings {
    @Test
    @DisplayName("bind, unbind and queue delete reach the store with the exchange type")
    void hooksCalled() {
      declare("top", ExchangeType.TOPIC);
      bind("q1", "top", "a.#");
      bind("q1", "top", "a.#");
      channel.queueUnbind("q1", "top", "a.#", Map.of());
      bind("q2", "top", "b.*");
      channel.queueDelete("q2", false, false);
      assertThat(store.calls).containsSubsequence("bind top topic a.# q1", "unbind top a.# q1",
          "bind top topic b.* q2", "unbind top b.* q2", "delete q2");
      assertThat(store.calls.stream().filter(c -> c.startsWith("bind top topic a.#"))).hasSize(1);
    }

    @Test
    @DisplayName("a connection routes by bindings another connection persisted, even for an exchange it never declared")
    void routesByPersistedBindings() {
      store.persisted = new java.util.HashMap<>();
      declare("ex", ExchangeType.DIRECT);
      bind("q1", "ex", "k");
      TestTransport other = new TestTransport(store, TransportOptions.defaults());
      try {
        TransportChannel ch2 = other.connect().openChannel();
        ch2.basicPublish(msg("m"), "ex", "k", false, null);
        assertThat(store.bodies("q1")).containsExactly("m");
        channel.basicPublish(msg("m2"), "ex", "k", false, null);
        assertThat(store.bodies("q1")).containsExactly("m", "m2");
      } finally {
        other.close();
      }
    }
  }

  @Nested
  @DisplayName("channels and connection")
  class Channels {
    @Test
    @DisplayName("spec case 46: channel ids are the lowest free numbers, and exhausting channel_max fails")
    void channelIds() {
      reopen(TransportOptions.of(Map.of("channel_max", 3)));
      TransportChannel two = connection.openChannel();
      TransportChannel three = connection.openChannel();
      assertThat(channel.channelId()).isEqualTo(1);
      assertThat(two.channelId()).isEqualTo(2);
      assertThat(three.channelId()).isEqualTo(3);
      assertThatThrownBy(connection::openChannel).isInstanceOf(ChannelException.class)
          .hasMessageContaining("No free channel ids, current=3, channel_max=3");
      two.close();
      assertThat(connection.openChannel().channelId()).isEqualTo(2);
    }

    @Test
    @DisplayName("closing the connection closes its channels (restoring their unacked messages) and the store")
    void closeConnection() {
      channel.basicPublish(msg("a"), "", "q", false, null);
      channel.basicGet("q", false).orElseThrow();
      connection.close();
      assertThat(channel.isOpen()).isFalse();
      assertThat(store.closed).isTrue();
      assertThat(store.bodies("q")).containsExactly("a");
      assertThatThrownBy(connection::openChannel).isInstanceOf(ConnectionException.class);
      assertThatCode(connection::close).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a bad option value is refused when the transport is created")
    void badOptions() {
      assertThatThrownBy(() -> new TestTransport(new ListStore(), TransportOptions.of(Map.of("body_encoding", "x"))))
          .isInstanceOf(io.kombu.ConfigurationException.class);
      assertThatThrownBy(() -> new TestTransport(new ListStore(), TransportOptions.of(Map.of("channel_max", 0))))
          .isInstanceOf(io.kombu.ConfigurationException.class);
    }
  }
}
