package io.kombu.transport.amqp.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-main throughput comparison on a local RabbitMQ: persistent publish, and consume + ack with prefetch 100,
 * through Kombu-Java versus the raw RabbitMQ client. Not a test; run with the test class path:
 * {@code java -cp <test classpath> io.kombu.transport.amqp.bench.AmqpThroughput [messages] [rounds]}.
 *
 * <p>Kombu serialises a small map to JSON per message; the raw client sends the same bytes, pre-serialised once.
 * Not thread-safe; single-threaded by design.
 */
public final class AmqpThroughput {
  private static final Logger log = LoggerFactory.getLogger(AmqpThroughput.class);
  private static final String URL = System.getProperty("kombu.bench.url", "amqp://guest:guest@127.0.0.1:5672//");
  private static final Map<String, Object> BODY = Map.of("id", 42, "name", "order", "items", java.util.List.of(1, 2, 3));
  private static final byte[] RAW_BODY =
      "{\"id\": 42, \"name\": \"order\", \"items\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8);

  private AmqpThroughput() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String q = "kombu-bench-" + System.nanoTime();
    ConnectionFactory f = new ConnectionFactory();
    f.setHost("127.0.0.1");
    try (com.rabbitmq.client.Connection raw = f.newConnection("bench-raw");
        Connection kombu = Kombu.connect(URL)) {
      Channel admin = raw.createChannel();
      admin.queueDeclare(q, true, false, false, null);
      Channel rawChannel = raw.createChannel();
      try {
        for (int round = 0; round <= rounds; round++) {
          String tag = round == 0 ? "warm-up" : "round " + round;
          // A publish is done when the broker holds the message: both timings include waiting for the queue count.
          double kp = rate(n, () -> {
            kombuPublish(kombu, q, n);
            waitFor(admin, q, n);
          });
          double kc = rate(n, () -> kombuConsume(kombu, q, n));
          double rp = rate(n, () -> {
            rawPublish(rawChannel, q, n);
            waitFor(admin, q, n);
          });
          double rc = rate(n, () -> rawConsume(raw, q, n));
          log.warn("{}: publish kombu {} msg/s, raw {} msg/s (ratio {}); consume+ack kombu {} msg/s, raw {} msg/s (ratio {})",
              tag, (long) kp, (long) rp, String.format("%.2f", kp / rp), (long) kc, (long) rc,
              String.format("%.2f", kc / rc));
        }
      } finally {
        admin.queueDelete(q);
      }
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static double rate(int n, Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private static void waitFor(Channel admin, String q, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (admin.queueDeclarePassive(q).getMessageCount() < n) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("messages did not arrive in " + q);
      }
    }
  }

  private static void kombuPublish(Connection conn, String q, int n) {
    Producer producer = conn.defaultChannel().producer();
    PublishOptions options = PublishOptions.routingKey(q);
    for (int i = 0; i < n; i++) {
      producer.publish(BODY, options);
    }
  }

  private static void rawPublish(Channel ch, String q, int n) throws Exception {
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
        .contentEncoding("utf-8").deliveryMode(2).priority(0).build();
    for (int i = 0; i < n; i++) {
      ch.basicPublish("", q, props, RAW_BODY);
    }
  }

  private static void kombuConsume(Connection conn, String q, int n) {
    AtomicInteger got = new AtomicInteger();
    Queue queue = Queue.builder(q).build();
    try (io.kombu.Channel ch = conn.channel();
        Consumer consumer = ch.consumer(ConsumerOptions.builder(queue).prefetchCount(100)
            .handler((body, m) -> {
              m.ack();
              got.incrementAndGet();
            }).build())) {
      while (got.get() < n) {
        try {
          conn.drainEvents(Duration.ofSeconds(10));
        } catch (KombuTimeoutException e) {
          throw new IllegalStateException("consumer stalled at " + got.get() + " of " + n, e);
        }
      }
    }
  }

  private static void rawConsume(com.rabbitmq.client.Connection conn, String q, int n) throws Exception {
    Channel ch = conn.createChannel();
    ch.basicQos(100);
    CountDownLatch done = new CountDownLatch(n);
    String tag = ch.basicConsume(q, false, new DefaultConsumer(ch) {
      @Override
      public void handleDelivery(String t, Envelope e, AMQP.BasicProperties p, byte[] body) throws java.io.IOException {
        ch.basicAck(e.getDeliveryTag(), false);
        done.countDown();
      }
    });
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("raw consumer stalled");
    }
    ch.basicCancel(tag);
    ch.close();
  }
}
