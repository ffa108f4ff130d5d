package io.kombu.core.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.ContentDisallowedException;
import io.kombu.DecodeException;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.internal.messaging.KombuConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Consumer delivers, decodes and routes decode errors as Kombu does")
class ConsumerTest {
  private final TestConnections env = new TestConnections();
  private final Queue queue = Queue.of("work");
  private KombuConnection conn;

  @BeforeEach
  void setUp() {
    conn = env.connect("fake://localhost");
  }

  @AfterEach
  void tearDown() {
    conn.close();
  }

  private void publishRaw(String contentType, byte[] body) {
    conn.producer().publish(body, PublishOptions.builder().routingKey("work").contentType(contentType).build());
  }

  @Test
  @DisplayName("handlers receive the decoded body and the message, in registration order")
  void handlersInOrder() {
    List<String> seen = new ArrayList<>();
    try (Consumer consumer = conn.consumer(ConsumerOptions.builder(queue)
        .handler((body, m) -> seen.add("first " + body))
        .handler((body, m) -> {
          seen.add("second " + body);
          m.ack();
        }).build())) {
      conn.producer().publish(Map.of("k", "v"), PublishOptions.routingKey("work"));
      conn.drainEvents(Duration.ofSeconds(1));
      assertThat(seen).containsExactly("first {k=v}", "second {k=v}");
      assertThat(consumer.consumingFrom("work")).isTrue();
    }
    assertThat(env.broker.calls).anyMatch(c -> c.startsWith("basicCancel"));
  }

  @Test
  @DisplayName("a body that cannot be decoded goes to onDecodeError and the consumer keeps going")
  void decodeErrorGoesToHandler() {
    List<KombuException> errors = new ArrayList<>();
    List<Object> bodies = new ArrayList<>();
    conn.consumer(ConsumerOptions.builder(queue)
        .handler((body, m) -> {
          bodies.add(body);
          m.ack();
        })
        .onDecodeError((m, e) -> {
          errors.add(e);
          m.ack();
        }).build());
    publishRaw("application/json", "{not json".getBytes());
    conn.producer().publish(Map.of("ok", true), PublishOptions.routingKey("work"));
    conn.drainEvents(Duration.ofSeconds(1));
    conn.drainEvents(Duration.ofSeconds(1));
    assertThat(errors).singleElement().isInstanceOf(DecodeException.class);
    assertThat(bodies).containsExactly(Map.of("ok", true));
  }

  @Test
  @DisplayName("with accept=[json] a msgpack message is refused with ContentDisallowedException")
  void acceptListRefusesMsgpack() {
    List<KombuException> errors = new ArrayList<>();
    conn.consumer(ConsumerOptions.builder(queue).accept("json")
        .handler((body, m) -> m.ack())
        .onDecodeError((m, e) -> {
          errors.add(e);
          m.reject();
        }).build());
    publishRaw("application/x-msgpack", new byte[] {(byte) 0x80});
    conn.drainEvents(Duration.ofSeconds(1));
    assertThat(errors).singleElement().isInstanceOf(ContentDisallowedException.class);
  }

  @Test
  @DisplayName("without onDecodeError the decode error is thrown from drainEvents and the message stays unsettled")
  void decodeErrorThrownWithoutHandler() {
    List<Object> bodies = new ArrayList<>();
    conn.consumer(ConsumerOptions.builder(queue).accept("json").handler((b, m) -> bodies.add(b)).build());
    publishRaw("application/x-msgpack", new byte[] {(byte) 0x80});
    assertThatThrownBy(() -> conn.drainEvents(Duration.ofSeconds(1))).isInstanceOf(ContentDisallowedException.class);
    assertThat(bodies).isEmpty();
    assertThat(env.broker.calls).noneMatch(c -> c.startsWith("basicAck") || c.startsWith("basicReject"));
  }

  @Test
  @DisplayName("onMessage replaces the handlers and receives the undecoded message")
  void onMessageReplacesHandlers() {
    List<Message> raw = new ArrayList<>();
    List<Object> bodies = new ArrayList<>();
    conn.consumer(ConsumerOptions.builder(queue).handler((b, m) -> bodies.add(b)).onMessage(raw::add).build());
    publishRaw("application/json", "{broken".getBytes());
    conn.drainEvents(Duration.ofSeconds(1));
    assertThat(raw).hasSize(1);
    assertThat(bodies).isEmpty();
  }

  @Test
  @DisplayName("a consumer with neither handlers nor onMessage fails the drain with a clear error")
  void noCallbacks() {
    conn.consumer(ConsumerOptions.builder(queue).build());
    conn.producer().publish("x", PublishOptions.routingKey("work"));
    assertThatThrownBy(() -> conn.drainEvents(Duration.ofSeconds(1))).isExactlyInstanceOf(KombuException.class)
        .hasMessageStartingWith("Consumer does not have any callbacks");
  }

  @Test
  @DisplayName("queues are keyed by name, declared, qos is applied and tags use the prefix and a global counter")
  void queuesByNameQosAndTags() {
    Queue first = Queue.builder("dup").durable(false).build();
    Queue last = Queue.of("dup");
    Consumer consumer = conn.consumer(ConsumerOptions.builder(first, last, Queue.of("other")).prefetchCount(5)
        .tagPrefix("w-").handler((b, m) -> {}).build());
    assertThat(consumer.queues()).containsExactly(last, Queue.of("other"));
    assertThat(env.broker.calls).contains("queueDeclare dup", "queueDeclare other", "basicQos 5");
    assertThat(env.broker.calls).filteredOn(c -> c.startsWith("basicConsume"))
        .allMatch(c -> c.matches("basicConsume \\w+ w-\\d+"));
    consumer.cancelByQueue("other");
    assertThat(consumer.consumingFrom("other")).isFalse();
    assertThat(consumer.queues()).containsExactly(last);
  }

  @Test
  @DisplayName("nothing to deliver makes drainEvents time out")
  void drainTimesOut() {
    conn.consumer(queue, (b, m) -> {});
    assertThatThrownBy(() -> conn.drainEvents(Duration.ofMillis(10))).isInstanceOf(KombuTimeoutException.class);
  }

  @Test
  @DisplayName("purge empties every queue of the consumer and reports the count")
  void purge() {
    Consumer consumer = conn.consumer(queue, (b, m) -> {});
    consumer.cancel();
    conn.producer().publish("a", PublishOptions.routingKey("work"));
    conn.producer().publish("b", PublishOptions.routingKey("work"));
    assertThat(consumer.purge()).isEqualTo(2);
  }
}
