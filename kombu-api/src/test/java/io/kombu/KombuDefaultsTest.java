package io.kombu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Kombu's defaults in the declarations")
class KombuDefaultsTest {

  @Nested
  @DisplayName("Exchange")
  class ExchangeDefaults {
    @Test
    @DisplayName("is durable, direct, not auto-delete, not passive and has no arguments by default")
    void kombuDefaults() {
      Exchange e = Exchange.of("orders");
      assertThat(e.type()).isEqualTo(ExchangeType.DIRECT);
      assertThat(e.durable()).isTrue();
      assertThat(e.autoDelete()).isFalse();
      assertThat(e.passive()).isFalse();
      assertThat(e.internal()).isFalse();
      assertThat(e.noDeclare()).isFalse();
      assertThat(e.deliveryMode()).isNull();
      assertThat(e.arguments()).isEmpty();
    }

    @Test
    @DisplayName("the nameless DEFAULT exchange is the broker's default direct exchange")
    void defaultExchange() {
      assertThat(Exchange.DEFAULT.name()).isEmpty();
      assertThat(Exchange.DEFAULT.isDefault()).isTrue();
      assertThat(Exchange.DEFAULT.type()).isEqualTo(ExchangeType.DIRECT);
      assertThat(Exchange.of("x").isDefault()).isFalse();
    }

    @Test
    @DisplayName("the typed factories set the type and keep the other defaults")
    void typedFactories() {
      assertThat(Exchange.topic("t").build().type()).isEqualTo(ExchangeType.TOPIC);
      assertThat(Exchange.fanout("f").build().type()).isEqualTo(ExchangeType.FANOUT);
      assertThat(Exchange.headers("h").build().type()).isEqualTo(ExchangeType.HEADERS);
      assertThat(Exchange.direct("d").build()).isEqualTo(Exchange.of("d"));
      assertThat(Exchange.topic("t").build().durable()).isTrue();
    }

    @Test
    @DisplayName("arguments are copied, so later builder changes do not leak into a built exchange")
    void argumentsAreCopied() {
      Exchange.Builder b = Exchange.builder("x").argument("alternate-exchange", "ae");
      Exchange built = b.build();
      b.argument("other", 1);
      assertThat(built.arguments()).containsOnlyKeys("alternate-exchange");
      assertThatThrownBy(() -> built.arguments().put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  @DisplayName("Queue")
  class QueueDefaults {
    @Test
    @DisplayName("is durable, not exclusive, not auto-delete, on the default exchange with routing key \"\"")
    void kombuDefaults() {
      Queue q = Queue.of("tasks");
      assertThat(q.durable()).isTrue();
      assertThat(q.exclusive()).isFalse();
      assertThat(q.autoDelete()).isFalse();
      assertThat(q.noAck()).isFalse();
      assertThat(q.exchange()).isEqualTo(Exchange.DEFAULT);
      assertThat(q.routingKey()).isEmpty();
      assertThat(q.bindings()).isEmpty();
      assertThat(q.maxPriority()).isNull();
      assertThat(q.messageTtl()).isNull();
    }

    @Test
    @DisplayName("exclusive implies auto-delete")
    void exclusiveImpliesAutoDelete() {
      Queue q = Queue.builder("mine").exclusive(true).autoDelete(false).build();
      assertThat(q.exclusive()).isTrue();
      assertThat(q.autoDelete()).isTrue();
    }

    @Test
    @DisplayName("bindings replace the single exchange binding, which becomes null")
    void bindingsNullTheExchange() {
      Exchange a = Exchange.topic("a").build();
      Exchange b = Exchange.fanout("b").build();
      Queue q = Queue.builder("multi").exchange(a).routingKey("x.#")
          .bindings(List.of(Binding.of(a, "x.#"), Binding.of(b, ""))).build();
      assertThat(q.exchange()).isNull();
      assertThat(q.bindings()).extracting(Binding::exchange).containsExactly(a, b);
    }

    @Test
    @DisplayName("a string exchange name means a durable direct exchange, as in Kombu")
    void exchangeByName() {
      assertThat(Queue.builder("q").exchange("ex").build().exchange()).isEqualTo(Exchange.of("ex"));
    }

    @Test
    @DisplayName("toBuilder keeps every value, including the typed x-argument helpers")
    void toBuilderRoundTrip() {
      Queue q = Queue.builder("audit").exchange(Exchange.topic("orders").build()).routingKey("orders.#")
          .messageTtl(Duration.ofMinutes(10)).maxPriority(9).expires(Duration.ofHours(1)).maxLength(100)
          .deadLetterExchange("dlx").queueType("quorum").queueArguments(Map.of("x-custom", "v")).build();
      assertThat(q.toBuilder().build()).isEqualTo(q);
      assertThat(q.toBuilder().build().messageTtl()).isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Nested
  @DisplayName("Broadcast")
  class BroadcastDefaults {
    @Test
    @DisplayName("names its queue bcast.<uuid4> and binds it, auto-delete, to a fanout exchange aliased by name")
    void uniqueQueue() {
      Queue q = Broadcast.queue("news");
      assertThat(q.name()).matches("bcast\\.[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(q.autoDelete()).isTrue();
      assertThat(q.alias()).isEqualTo("news");
      assertThat(q.exchange()).isNotNull();
      assertThat(q.exchange().name()).isEqualTo("news");
      assertThat(q.exchange().type()).isEqualTo(ExchangeType.FANOUT);
    }

    @Test
    @DisplayName("two broadcast queues of one exchange get different names")
    void namesDiffer() {
      assertThat(Broadcast.queue("news").name()).isNotEqualTo(Broadcast.queue("news").name());
    }

    @Test
    @DisplayName("a given queue name is kept, or suffixed with a uuid when unique is asked for")
    void namedQueue() {
      assertThat(Broadcast.queue("news", "mine", false).name()).isEqualTo("mine");
      assertThat(Broadcast.queue("news", "mine", true).name()).startsWith("mine.").hasSize("mine.".length() + 36);
    }
  }

  @Nested
  @DisplayName("ExchangeType")
  class ExchangeTypes {
    @Test
    @DisplayName("of(\"\") is DIRECT, as in Kombu")
    void blankIsDirect() {
      assertThat(ExchangeType.of("")).isSameAs(ExchangeType.DIRECT);
      assertThat(ExchangeType.of("  ")).isSameAs(ExchangeType.DIRECT);
    }

    @Test
    @DisplayName("known names map to the constants, case-insensitively")
    void knownNames() {
      assertThat(ExchangeType.of("Topic")).isSameAs(ExchangeType.TOPIC);
      assertThat(ExchangeType.of("fanout")).isSameAs(ExchangeType.FANOUT);
      assertThat(ExchangeType.of("HEADERS")).isSameAs(ExchangeType.HEADERS);
      assertThat(ExchangeType.of("direct")).isSameAs(ExchangeType.DIRECT);
    }

    @Test
    @DisplayName("a plug-in type is kept by its lower-case name")
    void pluginType() {
      ExchangeType delayed = ExchangeType.of("x-Delayed-Message");
      assertThat(delayed.name()).isEqualTo("x-delayed-message");
      assertThat(delayed).isEqualTo(ExchangeType.of("x-delayed-message")).isNotEqualTo(ExchangeType.DIRECT);
      assertThat(delayed).hasToString("x-delayed-message");
    }
  }

  @Nested
  @DisplayName("options")
  class Options {
    @Test
    @DisplayName("ProducerOptions default to the default exchange, key \"\", json (null), no compression, auto-declare")
    void producerDefaults() {
      ProducerOptions p = ProducerOptions.defaults();
      assertThat(p.exchange()).isEqualTo(Exchange.DEFAULT);
      assertThat(p.routingKey()).isEmpty();
      assertThat(p.serializer()).isNull();
      assertThat(p.compression()).isNull();
      assertThat(p.autoDeclare()).isTrue();
      assertThat(p.onReturn()).isNull();
    }

    @Test
    @DisplayName("PublishOptions default to nothing set, not mandatory")
    void publishDefaults() {
      PublishOptions o = PublishOptions.defaults();
      assertThat(o.routingKey()).isNull();
      assertThat(o.mandatory()).isFalse();
      assertThat(o.priority()).isNull();
      assertThat(o.headers()).isEmpty();
      assertThat(o.retryPolicy()).isNull();
    }

    @Test
    @DisplayName("PublishOptions keep message properties by their AMQP names")
    void publishProperties() {
      PublishOptions o = PublishOptions.builder().correlationId("c1").replyTo("r").messageId("m").build();
      assertThat(o.properties()).containsEntry("correlation_id", "c1").containsEntry("reply_to", "r")
          .containsEntry("message_id", "m");
    }

    @Test
    @DisplayName("PublishOptions refuse a priority outside 0-255")
    void priorityRange() {
      assertThatThrownBy(() -> PublishOptions.builder().priority(256)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("256");
      assertThatThrownBy(() -> PublishOptions.builder().priority(-1)).isInstanceOf(IllegalArgumentException.class);
      assertThat(PublishOptions.builder().priority(255).build().priority()).isEqualTo(255);
    }

    @Test
    @DisplayName("ConsumerOptions default to auto-declare, queue-level no-ack and the registry's accept list")
    void consumerDefaults() {
      ConsumerOptions c = ConsumerOptions.builder(Queue.of("q")).build();
      assertThat(c.autoDeclare()).isTrue();
      assertThat(c.noAck()).isNull();
      assertThat(c.accept()).isNull();
      assertThat(c.prefetchCount()).isNull();
      assertThat(c.queues()).containsExactly(Queue.of("q"));
      assertThatThrownBy(() -> ConsumerOptions.builder().prefetchCount(-1)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
