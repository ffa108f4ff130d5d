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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream under a broker fault: a producer publishes with a retry policy while a {@link ConsumerLoop} consumes and acks;
 * halfway through the fault is injected, and publishing goes on until the fault is over, then some more. Every publish
 * that returned must be consumed at least once, the loop must reconnect by itself, and the counts are logged.
 *
 * <p>Thread-safety: stateless; one stream at a time per broker (faults are shared by everyone on it).
 */
final class FaultStream {
  private static final Logger log = LoggerFactory.getLogger(FaultStream.class);
  private static final int COUNT = 400;
  /** A bound on the messages published while a fault is being injected. */
  private static final int MAX_COUNT = 50_000;
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final RetryPolicy PUBLISH_RETRY = RetryPolicy.builder().maxRetries(null)
      .intervalStart(Duration.ofMillis(200)).intervalStep(Duration.ofMillis(500)).intervalMax(Duration.ofSeconds(2))
      .timeout(Duration.ofSeconds(150)).build();

  /** Who is expected to recover the consumer after the fault. */
  enum Recovery {
    /** The consumer loop sees the error and restarts (AMQP: the connection itself is gone). */
    LOOP_RESTARTS,
    /** The loop restarts, or the transport reconnects inside drainEvents so the loop never notices (Redis). */
    LOOP_OR_TRANSPORT
  }

  /**
   * What a stream under a fault came to; {@link #toString()} is the summary line that is logged and printed.
   *
   * @param published publishes attempted
   * @param confirmed publishes that returned normally
   * @param consumed deliveries to the handler, duplicates included
   * @param distinct distinct messages delivered
   * @param lost confirmed but never delivered
   * @param rounds consume rounds of the loop (1 + its restarts)
   * @param healthSeen every {@link ConsumerLoop#health()} state sampled (every 20 ms) while the fault went on
   */
  record Result(int published, int confirmed, int consumed, int distinct, int lost, int rounds,
      Set<ConsumerLoop.State> healthSeen) {
    /** @return deliveries beyond the first of each message */
    int duplicates() {
      return consumed - distinct;
    }

    @Override
    public String toString() {
      return published + " published, " + confirmed + " confirmed, " + consumed + " consumed (" + distinct
          + " distinct), " + duplicates() + " duplicates, " + lost + " lost, " + rounds + " loop rounds, health seen "
          + healthSeen;
    }
  }

  private FaultStream() {}

  /**
   * @param fault a label for the log
   * @param url the broker
   * @param consumerOptions transport options of the consuming connection
   * @param producerOptions transport options of the publishing connection
   * @param inject breaks the broker; runs on another thread while publishing goes on
   * @param recovery who must recover the consumer: the loop (it restarts) or either (a transport such as Redis may
   *     reconnect inside drainEvents, so the loop never sees the fault; whether it does depends on timing)
   * @return the counts, once every check passed
   */
  static Result run(String fault, String url, Map<String, ?> consumerOptions, Map<String, ?> producerOptions,
      Runnable inject, Recovery recovery) throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String queueName = "rel.fault." + fault + "." + id;
    Queue queue = Queue.builder(queueName).durable(true).build();
    Map<Integer, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    AtomicInteger rounds = new AtomicInteger();
    Set<Integer> confirmed = new ConcurrentSkipListSet<>();
    Map<Integer, KombuException> failed = new ConcurrentHashMap<>();
    AtomicInteger published = new AtomicInteger();
    Set<ConsumerLoop.State> healthSeen = ConcurrentHashMap.newKeySet();
    try (Connection consumerConn = Kombu.connect(url, TransportOptions.of(consumerOptions));
        Connection producerConn = Kombu.connect(url, TransportOptions.of(producerOptions))) {
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
          CompletableFuture<Void> faultDone = CompletableFuture.runAsync(inject);
          ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
          sampler.scheduleAtFixedRate(() -> healthSeen.add(loop.health().state()), 0, 20, TimeUnit.MILLISECONDS);
          // Keep publishing until the fault is over, so that publishes meet the broken connection, then some more.
          int seq = COUNT / 2;
          while (!faultDone.isDone() && seq < MAX_COUNT) {
            publish(producer, queueName, seq, seq + 1, confirmed, failed);
            seq++;
          }
          try {
            faultDone.get(WAIT.toSeconds(), TimeUnit.SECONDS);
          } finally {
            sampler.shutdownNow();
          }
          publish(producer, queueName, seq, seq + COUNT / 2, confirmed, failed);
          published.set(seq + COUNT / 2);
        }
        int minRounds = recovery == Recovery.LOOP_RESTARTS ? 2 : 1;
        Poll.until("every confirmed message consumed after a reconnect", WAIT,
            () -> (deliveries.keySet().containsAll(confirmed) && rounds.get() >= minRounds) || !running.isRunning());
        assertThat(running.failure()).as("what ended the consumer loop").isNull();
        assertThat(running.isRunning()).as("the consumer loop still runs").isTrue();
        assertThat(rounds.get()).as("consume rounds: the loop reconnected by itself").isGreaterThanOrEqualTo(minRounds);
        Poll.until("health() reporting the loop consuming again", WAIT, () -> loop.health().isConsuming());
      }
      Set<Integer> lost = new TreeSet<>(confirmed);
      lost.removeAll(deliveries.keySet());
      int total = deliveries.values().stream().mapToInt(AtomicInteger::get).sum();
      Result result = new Result(published.get(), confirmed.size(), total, deliveries.size(), lost.size(), rounds.get(),
          Set.copyOf(healthSeen));
      log.info("Fault {} on {}: {}, {} failed after retries", fault, TestBrokers.mask(url), result, failed.size());
      // Also on standard output, so that the counts show in the build log and the failsafe report.
      System.out.println("Fault " + fault + ": " + result + ", " + failed.size() + " failed after retries");
      assertThat(failed).as("publishes that failed despite the retry policy").isEmpty();
      assertThat(confirmed).as("confirmed publishes").hasSize(published.get());
      assertThat(lost).as("confirmed but never consumed").isEmpty();
      return result;
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
