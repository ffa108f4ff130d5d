package io.kombu.benchmarks.amqp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The raw RabbitMQ Java client doing the same: persistent publishes with the properties Kombu sends, and a {@code
 * DefaultConsumer} with the same prefetch that acks each delivery on the client's dispatch thread. With a codec, the
 * body is encoded with Jackson per publish and decoded per delivery (the work Kombu does); without, the same JSON bytes,
 * encoded once, are sent and never decoded (the client's floor).
 *
 * <p>Thread-safety: not thread-safe; one benchmark thread.
 */
final class RawAmqpBench {
  private static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties.Builder()
      .contentType("application/json").contentEncoding("utf-8").deliveryMode(2).priority(0).build();

  private final Connection conn;
  private final Map<String, Object> body;
  private final byte[] encoded;
  private final @Nullable ObjectMapper codec;
  private final QueueWatcher watcher;

  RawAmqpBench(Connection conn, Map<String, Object> body, @Nullable ObjectMapper codec, QueueWatcher watcher)
      throws IOException {
    this.conn = conn;
    this.body = body;
    this.codec = codec;
    this.encoded = new ObjectMapper().writeValueAsBytes(body);
    this.watcher = watcher;
  }

  /** Publishes {@code n} persistent messages on one channel; done when the broker holds them all. */
  Measurement publish(String queue, int n) throws IOException, TimeoutException {
    try (Channel channel = conn.createChannel()) {
      Stopwatch watch = Stopwatch.currentThread();
      for (int i = 0; i < n; i++) {
        channel.basicPublish("", queue, PROPERTIES, codec == null ? encoded : codec.writeValueAsBytes(body));
      }
      watch.workDone();
      watcher.awaitCount(queue, n);
      return watch.stop(n);
    }
  }

  /** Consumes and acks {@code n} messages already in {@code queue}. */
  Measurement consumeAck(String queue, int n, int prefetch) throws IOException, TimeoutException, InterruptedException {
    try (Channel channel = conn.createChannel()) {
      channel.basicQos(prefetch);
      CountDownLatch done = new CountDownLatch(n);
      Stopwatch watch = Stopwatch.allThreads();
      String tag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] b)
            throws IOException {
          if (codec != null) {
            codec.readValue(b, Map.class);
          }
          channel.basicAck(envelope.getDeliveryTag(), false);
          done.countDown();
        }
      });
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the raw consumer stalled with " + done.getCount() + " of " + n + " left");
      }
      Measurement m = watch.stop(n);
      channel.basicCancel(tag);
      return m;
    }
  }
}
