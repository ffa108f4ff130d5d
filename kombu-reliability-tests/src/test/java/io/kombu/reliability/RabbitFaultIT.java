package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.KombuException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.TransportOptions;
import io.kombu.core.ConsumerLoop;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RabbitMQ faults in the middle of a stream: a producer publishes with publisher confirms and a retry policy while a
 * {@link ConsumerLoop} consumes and acks, and the broker drops both connections ({@code rabbitmqctl close_connection}) or
 * restarts ({@code scripts/brokers.sh restart rabbitmq}). Every publish that returned must be consumed at least once
 * (nothing lost), the loop must resume by itself, and duplicates are counted and logged.
 *
 * <p>The tests run one after the other (the broker is shared); the restart test brings RabbitMQ back even when it fails.
 * Thread-safety: a JUnit test class.
 */
@RequiresBroker("amqp")
@EnabledIf("io.kombu.reliability.BrokerFaults#rabbitmqctlWorks")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("RabbitMQ faults mid-stream lose no confirmed message")
class RabbitFaultIT {
  private static final Logger log = LoggerFactory.getLogger(RabbitFaultIT.class);
  private static final int COUNT = 400;
  /** A bound on the messages published while a fault is being injected. */
  private static final int MAX_COUNT = 50_000;
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final RetryPolicy PUBLISH_RETRY = RetryPolicy.builder().maxRetries(null)
      .intervalStart(Duration.ofMillis(200)).intervalStep(Duration.ofMillis(500)).intervalMax(Duration.ofSeconds(2))
      .timeout(Duration.ofSeconds(150)).build();

  @Test
  @Order(1)
  @DisplayName("rabbitmqctl close_connection on the producer's and the loop's connections")
  void forcedClose() throws Exception {
    runThrough("close_connection", names -> {
      int closed = BrokerFaults.closeConnections(names.consumer()) + BrokerFaults.closeConnections(names.producer());
      assertThat(closed).as("connections closed by the broker").isGreaterThanOrEqualTo(2);
    });
  }

  @Test
  @Order(2)
  @DisplayName("a RabbitMQ restart (stop_app, start_app)")
  void brokerRestart() throws Exception {
    try {
      runThrough("restart", names -> BrokerFaults.restartRabbitmq());
    } finally {
      BrokerFaults.ensureRabbitmqUp();
    }
  }

  /** Client-provided connection names, to find the connections in {@code rabbitmqctl list_connections}. */
  record Names(String consumer, String producer) {}

  private void runThrough(String fault, Consumer<Names> inject) throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String queueName = "rel.fault." + fault + "." + id;
    Names names = new Names("rel-fault-consumer-" + id, "rel-fault-producer-" + id);
    Queue queue = Queue.builder(queueName).durable(true).build();
    String url = TestBrokers.url("amqp");
    Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    AtomicInteger rounds = new AtomicInteger();
    Set<Integer> confirmed = new ConcurrentSkipListSet<>();
    Map<Integer, KombuException> failed = new ConcurrentHashMap<>();
    AtomicInteger published = new AtomicInteger();
    try (Connection consumerConn = Kombu.connect(url, TransportOptions.of(Map.of("connection_name", names.consumer())));
        Connection producerConn = Kombu.connect(url,
            TransportOptions.of(Map.of("connection_name", names.producer(), "confirm_publish", true)))) {
      ConsumerLoop loop = ConsumerLoop.builder(consumerConn)
          .safetyInterval(Duration.ofMillis(200))
          .onConsumeReady((conn, channel, consumers) -> rounds.incrementAndGet())
          .consumers(ch -> List.of(ConsumerOptions.builder(queue).prefetchCount(10).handler((body, message) -> {
            int seq = ((Number) ((Map<?, ?>) body).get("seq")).intValue();
            deliveries.computeIfAbsent(seq, k -> new AtomicInteger()).incrementAndGet();
            message.ack();
          }).build()))
          .build();
      try (RunningLoop running = RunningLoop.start(loop, "rel-fault-" + fault)) {
        Poll.until("the loop consuming", WAIT, () -> rounds.get() >= 1);
        try (Producer producer = producerConn.producer()) {
          publish(producer, queueName, 0, COUNT / 2, confirmed, failed);
          Poll.until("the loop halfway through the first half", WAIT, () -> deliveries.size() >= COUNT / 4);
          CompletableFuture<Void> faultDone = CompletableFuture.runAsync(() -> inject.accept(names));
          // Keep publishing until the fault is over, so that publishes meet the broken connection, then some more.
          int seq = COUNT / 2;
          while (!faultDone.isDone() && seq < MAX_COUNT) {
            publish(producer, queueName, seq, seq + 1, confirmed, failed);
            seq++;
          }
          faultDone.get(WAIT.toSeconds(), TimeUnit.SECONDS);
          publish(producer, queueName, seq, seq + COUNT / 2, confirmed, failed);
          published.set(seq + COUNT / 2);
        }
        Poll.until("every confirmed message consumed after a reconnect", WAIT,
            () -> (deliveries.keySet().containsAll(confirmed) && rounds.get() >= 2) || !running.isRunning());
        assertThat(running.failure()).as("what ended the consumer loop").isNull();
        assertThat(running.isRunning()).as("the consumer loop still runs").isTrue();
        assertThat(rounds.get()).as("consume rounds: the loop reconnected by itself").isGreaterThanOrEqualTo(2);
      }
      Set<Integer> lost = new TreeSet<>(confirmed);
      lost.removeAll(deliveries.keySet());
      int total = deliveries.values().stream().mapToInt(AtomicInteger::get).sum();
      int duplicates = total - deliveries.size();
      log.info("Fault {}: {} published, {} confirmed, {} failed after retries, {} consumed ({} distinct), {} duplicates,"
              + " {} lost, {} loop rounds", fault, published.get(), confirmed.size(), failed.size(), total, deliveries.size(),
          duplicates, lost.size(), rounds.get());
      assertThat(failed).as("publishes that failed despite the retry policy").isEmpty();
      assertThat(confirmed).as("confirmed publishes").hasSize(published.get());
      assertThat(lost).as("confirmed but never consumed").isEmpty();
    } finally {
      try (Connection cleanup = Kombu.connect(url)) {
        cleanup.ensureConnection(RetryPolicy.builder().maxRetries(30).intervalStart(Duration.ofSeconds(1)).build())
            .defaultChannel().queueDelete(queueName, false, false);
      }
    }
  }

  private static void publish(Producer producer, String queueName, int from, int to, Set<Integer> confirmed,
      Map<Integer, KombuException> failed) {
    for (int seq = from; seq < to; seq++) {
      try {
        producer.publish(Map.of("seq", seq), PublishOptions.builder().routingKey(queueName).retry(PUBLISH_RETRY).build());
        confirmed.add(seq);
      } catch (KombuException e) {
        failed.put(seq, e);
      }
    }
  }
}
