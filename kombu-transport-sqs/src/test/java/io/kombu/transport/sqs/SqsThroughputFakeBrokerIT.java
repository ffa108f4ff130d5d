package io.kombu.transport.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.ConsumerOptions;
import io.kombu.Consumer;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Measures publish and consume+ack rates on an in-JVM ElasticMQ. These are fake-broker figures: ElasticMQ runs in the
 * same JVM and shares its CPU, and real SQS latencies (tens of ms per call) dominate there instead.
 */
@DisplayName("Throughput of the SQS transport on ElasticMQ (a fake-broker figure)")
class SqsThroughputFakeBrokerIT {
  private static final Logger log = LoggerFactory.getLogger(SqsThroughputFakeBrokerIT.class);
  private static final int MESSAGES = 2000;
  private static ElasticMq server;

  @BeforeAll
  static void startServer() {
    server = ElasticMq.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  @DisplayName("publishes and then consumes with acks every message exactly once, logging the rates")
  void publishThenConsume() {
    String queue = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = Map.of("id", 42, "name", "throughput", "tags", List.of("a", "b", "c"),
        "payload", "x".repeat(40));
    try (Connection conn = Kombu.connect(server.kombuUrl(),
        TransportOptions.of(Map.of("region", "elasticmq", "wait_time_seconds", 1)))) {
      Channel ch = conn.channel();
      ch.declare(Queue.builder(queue).build());
      Producer producer = conn.producer();
      PublishOptions to = PublishOptions.builder().routingKey(queue).build();
      for (int i = 0; i < 50; i++) {
        producer.publish(body, to);
      }
      long t0 = System.nanoTime();
      for (int i = 50; i < MESSAGES; i++) {
        producer.publish(body, to);
      }
      double publishSeconds = (System.nanoTime() - t0) / 1e9;

      List<Message> got = new ArrayList<>();
      long t1 = System.nanoTime();
      try (Consumer consumer = ch.consumer(ConsumerOptions.builder(Queue.builder(queue).build())
          .handler((b, m) -> {
            got.add(m);
            m.ack();
          }).prefetchCount(10).build())) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (got.size() < MESSAGES && System.nanoTime() < deadline) {
          try {
            conn.drainEvents(Duration.ofSeconds(1));
          } catch (KombuTimeoutException e) {
            // the deadline decides
          }
        }
      }
      double consumeSeconds = (System.nanoTime() - t1) / 1e9;
      double rawRate = rawSendRate(queue + "-raw");
      List<Object> batch = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        batch.add(body);
      }
      long t2 = System.nanoTime();
      for (int i = 0; i < MESSAGES / 100; i++) {
        producer.publishAll(batch, to);
      }
      double batchSeconds = (System.nanoTime() - t2) / 1e9;
      assertThat(ch.queuePurge(queue)).isEqualTo(MESSAGES);
      log.info("SQS on ElasticMQ (fake broker, in-JVM): publish {} msg/s ({} messages), consume+ack {} msg/s "
              + "(prefetch 10)", Math.round((MESSAGES - 50) / publishSeconds), MESSAGES - 50,
          Math.round(MESSAGES / consumeSeconds));
      log.info("publishAll (SendMessageBatch of 10): {} msg/s", Math.round(MESSAGES / batchSeconds));
      log.info("baseline on the same server: raw AWS SDK SendMessage {} msg/s", Math.round(rawRate));
      assertThat(got).hasSize(MESSAGES);
      assertThat(got).allSatisfy(m -> assertThat(m.decode()).isEqualTo(body));
    }
  }

  private static double rawSendRate(String queue) {
    try (SqsClient raw = server.rawClient()) {
      String url = raw.createQueue(b -> b.queueName(queue)).queueUrl();
      int n = MESSAGES;
      // About the size of the transport's base64 envelope for the benchmark body.
      String similarBody = Base64.getEncoder().encodeToString("x".repeat(420).getBytes(StandardCharsets.UTF_8));
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) {
        raw.sendMessage(b -> b.queueUrl(url).messageBody(similarBody));
      }
      return n / ((System.nanoTime() - t) / 1e9);
    }
  }
}
