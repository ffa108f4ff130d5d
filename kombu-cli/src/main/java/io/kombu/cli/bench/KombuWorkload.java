package io.kombu.cli.bench;

import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.KombuTimeoutException;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.core.Kombu;

/**
 * The benchmark through Kombu-Java: a producer on the default exchange routing by queue name, and a consumer with the
 * given prefetch that acknowledges each message on the thread that drains events, as Kombu's own consumers do. The
 * queue is durable and messages persistent: Kombu's defaults.
 *
 * <p>Thread-safety: not thread-safe.
 */
final class KombuWorkload implements BenchWorkload {
  private final Connection connection;
  private final Queue queue;
  private final Producer producer;
  private final Consumer consumer;
  private final PublishOptions publishOptions;
  private final BenchPayload payload;
  private final BenchSettings settings;
  private int received;
  private int expected;

  KombuWorkload(String url, String queueName, BenchSettings settings) {
    this.settings = settings;
    this.payload = new BenchPayload(settings.sizeBytes());
    this.connection = Kombu.connect(url);
    try {
      connection.ensureConnection(RetryPolicy.builder().maxRetries(0).build());
      this.queue = Queue.builder(queueName).build();
      connection.defaultChannel().declare(queue);
      connection.defaultChannel().queuePurge(queueName);
      this.producer = connection.producer();
      this.publishOptions = PublishOptions.builder().routingKey(queueName).serializer(settings.serializer()).build();
      this.consumer = connection.consumer(ConsumerOptions.builder(queue)
          .accept(settings.serializer())
          .prefetchCount(settings.prefetch())
          .onMessage(message -> {
            message.decode();
            message.ack();
            received++;
          })
          .build());
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return "kombu";
  }

  @Override
  public void publish(int sequence) {
    producer.publish(payload.body(sequence), publishOptions);
  }

  @Override
  public void consume(int count) {
    // A running total, so a message that arrived early (say, during publishing) is not waited for twice.
    expected += count;
    while (received < expected) {
      try {
        connection.drainEvents(settings.messageWait());
      } catch (KombuTimeoutException e) {
        throw new KombuTimeoutException("bench: no message for " + settings.messageWait().toMillis() + " ms; "
            + (count - (expected - received)) + " of " + count + " arrived", e);
      }
    }
  }

  @Override
  public void close() {
    try {
      consumer.close();
      producer.close();
      connection.defaultChannel().queueDelete(queue.name(), false, false);
    } finally {
      connection.close();
    }
  }
}
