package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.DecodeErrorHandler;
import io.kombu.Exchange;
import io.kombu.KombuException;
import io.kombu.Message;
import io.kombu.NotFoundException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delivers each hostile message of {@link HostileMessages}, followed by a good one, to a live {@link ConsumerLoop}, and
 * checks that the loop survives, that the good message arrives, and that nothing is lost: every message ends either in the
 * consumer's handler or in the case's parking queue (dead-lettered), and the source queue ends empty.
 *
 * <p>Subclasses say which broker, how a queue dead-letters, and how the decode-error handler parks a message.
 * Thread-safety: a JUnit test class, one instance per class (the counters add up over the cases).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileMessageContract {
  static final Exchange EXCHANGE = Exchange.direct("rel.hostile").build();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private int triedCount;
  private int parkedCount;
  private int deliveredCount;
  private int refusedCount;

  /** @return the broker URL */
  protected abstract String brokerUrl();

  /** @param name queue name @param parkName where its dead letters go @return the queue to consume from */
  protected abstract Queue queue(String name, String parkName);

  /**
   * @param loop the consumer loop (for its producer)
   * @param parkName the parking queue
   * @return the decode-error handler that settles a bad message so that it ends in the parking queue
   */
  protected abstract DecodeErrorHandler parker(ConsumerLoop loop, String parkName);

  /** @return the cases to run */
  Stream<HostileMessage> cases() {
    return HostileMessages.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @DisplayName("a hostile message is parked or delivered, the loop keeps running, and the next good message arrives")
  void hostileMessageThenGoodMessage(HostileMessage hostile) {
    triedCount++;
    String id = UUID.randomUUID().toString().substring(0, 8);
    String name = "rel.hostile." + id;
    String parkName = name + ".parked";
    Queue queue = queue(name, parkName);
    Queue park = Queue.builder(parkName).durable(false).build();
    List<Received> received = new CopyOnWriteArrayList<>();
    List<KombuException> errors = new CopyOnWriteArrayList<>();
    try (Connection conn = Kombu.connect(brokerUrl())) {
      Channel channel = conn.channel();
      channel.declare(EXCHANGE);
      channel.declare(park);
      channel.declare(queue);
      ConsumerLoop loop = ConsumerLoop.builder(conn)
          .safetyInterval(Duration.ofMillis(100))
          .consumersWithLoop((l, ch) -> List.of(ConsumerOptions.builder(queue)
              .accept(hostile.accept())
              .handler((body, message) -> {
                received.add(new Received(body, message));
                message.ack();
              })
              .onDecodeError((message, error) -> {
                errors.add(error);
                parker(l, parkName).onDecodeError(message, error);
              })
              .build()))
          .build();
      try (RunningLoop running = RunningLoop.start(loop, "rel-hostile-" + id);
          Producer producer = conn.producer(EXCHANGE)) {
        publishHostile(producer, hostile, name);
        producer.publish(Map.of("good", id), PublishOptions.routingKey(name));
        Poll.until("the good message after \"" + hostile.name() + "\"", WAIT,
            () -> received.stream().anyMatch(r -> isGood(r.body(), id)) || !running.isRunning());
        assertThat(running.failure()).as("what ended the consumer loop").isNull();
        assertThat(running.isRunning()).as("the consumer loop still runs").isTrue();
        checkOutcome(hostile, received, errors, channel, parkName, id);
      }
      Poll.until("the source queue to be empty", WAIT, () -> messageCount(channel, name) == 0);
      channel.queueDelete(name, false, false);
      channel.queueDelete(parkName, false, false);
    }
  }

  private void publishHostile(Producer producer, HostileMessage hostile, String routingKey) {
    if (hostile.outcome() instanceof HostileMessage.PublishRefused refused) {
      assertThatThrownBy(() -> producer.publish(hostile.body(), hostile.options().get().routingKey(routingKey).build()))
          .isInstanceOf(refused.error());
      return;
    }
    producer.publish(hostile.body(), hostile.options().get().routingKey(routingKey).header("x-rel-case", hostile.name())
        .build());
  }

  private void checkOutcome(HostileMessage hostile, List<Received> received, List<KombuException> errors, Channel channel,
      String parkName, String id) {
    HostileMessage.Outcome outcome = hostile.outcome();
    if (outcome instanceof HostileMessage.DecodeError decodeError) {
      assertThat(errors).as("decode errors").singleElement().isInstanceOf(decodeError.error())
          .satisfies(e -> assertThat(e.getMessage()).isNotBlank().contains(decodeError.messagePart()));
      assertThat(received).as("messages handled").singleElement().satisfies(r -> assertThat(isGood(r.body(), id)).isTrue());
      Poll.until("the bad message in the parking queue", WAIT,
          () -> messageCount(channel, parkName) == 1);
      Message parked = channel.get(parkName).orElseThrow();
      assertThat(parked.headers()).containsEntry("x-rel-case", hostile.name());
      parked.ack();
      parkedCount++;
      org.slf4j.LoggerFactory.getLogger(getClass()).info("Hostile message \"{}\" parked after: {}", hostile.name(),
          errors.get(0).toString());
    } else if (outcome instanceof HostileMessage.Delivered delivered) {
      assertThat(errors).as("decode errors").isEmpty();
      assertThat(received).as("messages handled").hasSize(2);
      delivered.check().accept(received.get(0).body(), received.get(0).message());
      deliveredCount++;
    } else {
      assertThat(errors).as("decode errors").isEmpty();
      assertThat(received).as("messages handled").singleElement().satisfies(r -> assertThat(isGood(r.body(), id)).isTrue());
      refusedCount++;
    }
    assertThat(messageCount(channel, parkName)).as("parked messages left").isZero();
  }

  /** Redis, like Kombu's Redis transport, forgets a queue whose list is empty: count that as zero messages. */
  static long messageCount(Channel channel, String queueName) {
    try {
      return channel.queueDeclarePassive(queueName).messageCount();
    } catch (NotFoundException e) {
      return 0;
    }
  }

  private static boolean isGood(@Nullable Object body, String id) {
    return body instanceof Map<?, ?> map && id.equals(map.get("good"));
  }

  @AfterAll
  void report() {
    org.slf4j.LoggerFactory.getLogger(getClass()).info(
        "Hostile messages on {}: {} tried, {} parked after a decode error, {} delivered intact, {} refused at publish,"
            + " 0 lost", io.kombu.testkit.TestBrokers.mask(brokerUrl()), triedCount, parkedCount, deliveredCount, refusedCount);
  }

  /** A message the handler received. @param body decoded body @param message the message */
  record Received(@Nullable Object body, Message message) {}
}
