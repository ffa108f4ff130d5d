package io.kombu.transport.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Channel;
import io.kombu.Connection;
import io.kombu.ConfigurationException;
import io.kombu.ConnectionException;
import io.kombu.ConsumerOptions;
import io.kombu.Consumer;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.SimpleQueue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@DisplayName("SQS-specific behaviour of the transport on ElasticMQ (a fake SQS)")
class SqsBehaviourFakeBrokerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static ElasticMq server;
  private static SqsClient raw;

  @BeforeAll
  static void startServer() {
    server = ElasticMq.start();
    raw = server.rawClient();
  }

  @AfterAll
  static void stopServer() {
    raw.close();
    server.close();
  }

  private static Connection connect(Map<String, Object> extra) {
    Map<String, Object> opts = new HashMap<>(Map.of("region", "elasticmq", "wait_time_seconds", 1));
    opts.putAll(extra);
    return Kombu.connect(server.kombuUrl(), TransportOptions.of(opts));
  }

  private static String unique(String role) {
    return role + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String url(String sqsName) {
    return raw.getQueueUrl(b -> b.queueName(sqsName)).queueUrl();
  }

  private static Map<QueueAttributeName, String> counts(String sqsName) {
    return raw.getQueueAttributes(b -> b.queueUrl(url(sqsName)).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
        QueueAttributeName.VISIBILITY_TIMEOUT)).attributes();
  }

  @Test
  @DisplayName("the queue gets Kombu's mangled and prefixed name, Kombu's visibility timeout and a base64 JSON body")
  void wireFormat() {
    String queue = unique("wire.fmt");
    try (Connection conn = connect(Map.of("queue_name_prefix", "pre."));
        SimpleQueue q = conn.simpleQueue(queue)) {
      q.put(Map.of("hello", "world"), PublishOptions.builder().header("x-app", "java").build());
    }
    String sqsName = "pre-" + queue.replace('.', '-');
    assertThat(counts(sqsName)).containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "1800");

    var m = raw.receiveMessage(b -> b.queueUrl(url(sqsName)).waitTimeSeconds(2)).messages().get(0);
    String json = new String(Base64.getDecoder().decode(m.body()), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"body\":\"").contains("\"x-app\":\"java\"").contains("\"body_encoding\":\"base64\"")
        .contains("\"content-type\":\"application/json\"");
  }

  @Test
  @DisplayName("without sqs_base64_encoding the body is the JSON text itself")
  void plainJsonBody() {
    String queue = unique("plain");
    try (Connection conn = connect(Map.of("sqs_base64_encoding", false)); SimpleQueue q = conn.simpleQueue(queue)) {
      q.put("text");
      var m = raw.receiveMessage(b -> b.queueUrl(url(queue)).waitTimeSeconds(2)).messages().get(0);
      assertThat(m.body()).startsWith("{\"body\":");
    }
  }

  @Test
  @DisplayName("a consumer with prefetch 3 receives in batches yet holds at most 3 unacked; close releases the rest")
  void batchReceiveWithinPrefetch() {
    String queue = unique("batch");
    try (Connection conn = connect(Map.of())) {
      Channel ch = conn.channel();
      ch.declare(Queue.builder(queue).build());
      for (int i = 0; i < 8; i++) {
        conn.producer().publish("m" + i, PublishOptions.builder().routingKey(queue).build());
      }
      List<Message> got = new ArrayList<>();
      Consumer consumer = ch.consumer(ConsumerOptions.builder(Queue.builder(queue).build())
          .handler((body, message) -> got.add(message)).prefetchCount(3).build());
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (got.size() < 3 && System.nanoTime() < deadline) {
        try {
          conn.drainEvents(Duration.ofSeconds(1));
        } catch (KombuTimeoutException e) {
          // keep polling until the deadline
        }
      }
      assertThat(got).hasSize(3);
      assertThatThrownBy(() -> conn.drainEvents(Duration.ofMillis(500))).isInstanceOf(KombuTimeoutException.class);
      assertThat(counts(queue)).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "3")
          .as("no more than the prefetch room was received").containsEntry(
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "5");
      got.forEach(Message::ack);
      consumer.close();
    }
    assertThat(counts(queue)).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "5")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
  }

  @Test
  @DisplayName("publishAll through the default exchange sends every message once (standard queues promise no order)")
  void publishAllInBatches() {
    assertThat(publishAllAndGet(unique("many"))).containsExactlyInAnyOrderElementsOf(bodies25());
  }

  @Test
  @DisplayName("publishAll to a FIFO queue keeps the publish order across SendMessageBatch calls")
  void publishAllFifoKeepsOrder() {
    assertThat(publishAllAndGet(unique("many") + ".fifo")).containsExactlyElementsOf(bodies25());
  }

  private static List<String> bodies25() {
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      bodies.add("b" + i);
    }
    return bodies;
  }

  private static List<Object> publishAllAndGet(String queue) {
    try (Connection conn = connect(Map.of()); SimpleQueue q = conn.simpleQueue(queue)) {
      conn.producer().publishAll(bodies25(), PublishOptions.builder().routingKey(queue).build());
      List<Object> got = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        Message m = q.get(WAIT);
        got.add(m.decode());
        m.ack();
      }
      return got;
    }
  }

  @Test
  @DisplayName("reject without requeue makes no call: the message stays in flight until its visibility timeout")
  void rejectLeavesMessageInFlight() {
    String queue = unique("reject");
    try (Connection conn = connect(Map.of()); SimpleQueue q = conn.simpleQueue(queue)) {
      q.put("no");
      q.get(WAIT).reject();
      assertThat(counts(queue)).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "1");
    }
  }

  @Test
  @DisplayName("a received message carries its receipt handle and queue URL as Kombu's delivery_info does")
  void deliveryInfo() {
    String queue = unique("info");
    try (Connection conn = connect(Map.of()); SimpleQueue q = conn.simpleQueue(queue)) {
      q.put("x");
      Message m = q.get(WAIT);
      Map<?, ?> info = (Map<?, ?>) m.properties().get("delivery_info");
      assertThat(info.get("sqs_queue")).isEqualTo(url(queue));
      assertThat(info.get("sqs_message")).isInstanceOfSatisfying(Map.class,
          sqs -> assertThat(sqs.get("ReceiptHandle")).isEqualTo(m.properties().get("delivery_tag")));
      m.ack();
    }
    assertThat(counts(queue)).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
  }

  @Test
  @DisplayName("a fanout exchange is refused clearly: SQS has no fanout without SNS")
  void fanoutFails() {
    try (Connection conn = connect(Map.of())) {
      Exchange fan = Exchange.builder(unique("fan")).type(ExchangeType.FANOUT).durable(false).build();
      assertThatThrownBy(() -> conn.defaultChannel().declare(fan))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("fanout");
    }
  }

  @Test
  @DisplayName("an unreachable endpoint raises a recoverable ConnectionException that shows neither key nor secret")
  void unreachableEndpointKeepsSecrets() {
    String url = "sqs://AKIDLEAKCHECK:sup3r%2Fs3cret@127.0.0.1:" + (server.port() == 1 ? 2 : 1);
    try (Connection conn = Kombu.connect(url, TransportOptions.of(Map.of("region", "elasticmq",
        "client-config", Map.of("connect_timeout", 1, "retries", Map.of("max_attempts", 1)))))) {
      assertThatThrownBy(() -> conn.simpleQueue(unique("nowhere")).put("x"))
          .isInstanceOf(ConnectionException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sup3r").doesNotContain("AKIDLEAKCHECK"));
    }
  }

  @Test
  @DisplayName("with predefined_queues only those are used, nothing is created, and others fail clearly")
  void predefinedQueues() {
    String name = unique("pre");
    String queueUrl = raw.createQueue(b -> b.queueName(name)).queueUrl();
    try (Connection conn = connect(Map.of("predefined_queues", Map.of(name, Map.of("url", queueUrl))));
        SimpleQueue q = conn.simpleQueue(name)) {
      q.put("via predefined");
      Message m = q.get(WAIT);
      assertThat(m.decode()).isEqualTo("via predefined");
      m.ack();
      assertThatThrownBy(() -> conn.simpleQueue(unique("other")).put("x"))
          .isInstanceOf(UndefinedQueueException.class).hasMessageContaining("predefined_queues");
    }
  }

  @Test
  @DisplayName("a FIFO queue is created with FifoQueue=true and keeps one group's order")
  void fifoOrder() {
    String queue = unique("order") + ".fifo";
    try (Connection conn = connect(Map.of()); SimpleQueue q = conn.simpleQueue(queue)) {
      for (int i = 0; i < 5; i++) {
        q.put("f" + i);
      }
      List<Object> got = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Message m = q.get(WAIT);
        got.add(m.decode());
        m.ack();
      }
      assertThat(got).containsExactly("f0", "f1", "f2", "f3", "f4");
    }
    assertThat(raw.getQueueAttributes(b -> b.queueUrl(url(queue)).attributeNames(QueueAttributeName.FIFO_QUEUE))
        .attributes()).containsEntry(QueueAttributeName.FIFO_QUEUE, "true");
  }
}
