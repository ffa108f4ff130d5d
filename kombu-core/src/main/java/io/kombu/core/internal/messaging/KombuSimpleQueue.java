package io.kombu.core.internal.messaging;

import io.kombu.ConsumerOptions;
import io.kombu.DeliveryMode;
import io.kombu.Exchange;
import io.kombu.KombuTimeoutException;
import io.kombu.Message;
import io.kombu.ProducerOptions;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.QueueEmptyException;
import io.kombu.SimpleQueue;
import io.kombu.SimpleQueueOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's {@code SimpleQueue} and {@code SimpleBuffer} on a channel of their own: {@code put} publishes to the queue's
 * exchange with its routing key; {@code get} starts consuming on first use, buffers every delivered message and returns the
 * oldest, draining the connection until the timeout. {@link #close()} cancels the consumer and closes the channel, so a
 * message that was received but not settled goes back to the queue.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class KombuSimpleQueue implements SimpleQueue {
  private static final Logger log = LoggerFactory.getLogger(KombuSimpleQueue.class);

  private final KombuChannel channel;
  private final Queue queue;
  private final SimpleQueueOptions options;
  private final KombuProducer producer;
  private final KombuConsumer consumer;
  private final Deque<Message> buffer = new ArrayDeque<>();
  private final @Nullable DeliveryMode deliveryMode;
  private boolean consuming;
  private boolean closed;

  private KombuSimpleQueue(KombuChannel channel, Queue queue, SimpleQueueOptions options) {
    this.channel = channel;
    this.queue = queue;
    this.options = options;
    Exchange exchange = queue.exchange() != null ? queue.exchange() : Exchange.DEFAULT;
    this.deliveryMode = exchange.deliveryMode();
    this.producer = new KombuProducer(channel.connection(), channel, ProducerOptions.builder().exchange(exchange)
        .routingKey(queue.routingKey()).serializer(options.serializer()).compression(options.compression()).build());
    this.consumer = new KombuConsumer(channel, ConsumerOptions.builder(queue).accept(options.accept())
        .onMessage(buffer::addLast).build(), false);
  }

  /**
   * @param channel a channel the simple queue will own
   * @param name queue, direct exchange and routing key name
   * @param options serializer, compression, accept list, no-ack
   * @return a simple queue
   */
  public static KombuSimpleQueue queue(KombuChannel channel, String name, SimpleQueueOptions options) {
    Objects.requireNonNull(name, "name");
    Exchange exchange = Exchange.direct(name).build();
    return new KombuSimpleQueue(channel, Queue.builder(name).exchange(exchange).routingKey(name).build(), options);
  }

  /**
   * @param channel a channel the simple queue will own
   * @param queue the queue, used as is
   * @param options serializer, compression, accept list, no-ack
   * @return a simple queue
   */
  public static KombuSimpleQueue forQueue(KombuChannel channel, Queue queue, SimpleQueueOptions options) {
    return new KombuSimpleQueue(channel, Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(options, "options"));
  }

  /**
   * Kombu's {@code SimpleBuffer}: no acks, a transient, auto-deleted, exclusive queue on a non-durable, auto-deleted exchange
   * with transient delivery.
   *
   * @param channel a channel the buffer will own
   * @param name queue, exchange and routing key name
   * @return a simple buffer
   */
  public static KombuSimpleQueue buffer(KombuChannel channel, String name) {
    Objects.requireNonNull(name, "name");
    Exchange exchange = Exchange.direct(name).durable(false).autoDelete(true).deliveryMode(DeliveryMode.TRANSIENT).build();
    Queue queue = Queue.builder(name).exchange(exchange).routingKey(name).durable(false).autoDelete(true).exclusive(true)
        .build();
    return new KombuSimpleQueue(channel, queue, new SimpleQueueOptions(true, null, null, null));
  }

  @Override
  public String name() {
    return queue.name();
  }

  @Override
  public void put(@Nullable Object body) {
    put(body, PublishOptions.defaults());
  }

  @Override
  public void put(@Nullable Object body, PublishOptions publishOptions) {
    Objects.requireNonNull(publishOptions, "options");
    PublishOptions effective = publishOptions;
    if (publishOptions.deliveryMode() == null && deliveryMode != null) {
      effective = publishOptions.toBuilder().deliveryMode(deliveryMode).build();
    }
    producer.publish(body, effective);
  }

  @Override
  public Message get(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (!consuming) {
      consumer.consume(options.noAck());
      consuming = true;
    }
    Clock clock = channel.connection().settings().clock();
    long start = clock.millis();
    Duration remaining = timeout;
    while (true) {
      Message next = buffer.pollFirst();
      if (next != null) {
        return next;
      }
      if (remaining.isNegative() || remaining.isZero()) {
        throw empty(timeout);
      }
      try {
        channel.connection().drainEvents(remaining);
      } catch (KombuTimeoutException e) {
        next = buffer.pollFirst();
        if (next != null) {
          return next;
        }
        throw empty(timeout);
      }
      remaining = timeout.minusMillis(clock.millis() - start);
    }
  }

  private QueueEmptyException empty(Duration timeout) {
    return new QueueEmptyException("No message arrived in queue '" + queue.name() + "' within " + timeout.toMillis() + " ms");
  }

  @Override
  public Message getNowait() {
    Message buffered = buffer.pollFirst();
    if (buffered != null) {
      return buffered;
    }
    return channel.get(queue.name(), options.noAck(), options.accept())
        .orElseThrow(() -> new QueueEmptyException("Queue '" + queue.name() + "' is empty"));
  }

  @Override
  public long qsize() {
    return channel.queueDeclarePassive(queue.name()).messageCount();
  }

  @Override
  public long clear() {
    return channel.queuePurge(queue.name());
  }

  @Override
  public void close() {
    if (closed) {
      log.debug("Simple queue '{}' already closed", queue.name());
      return;
    }
    closed = true;
    try {
      consumer.close();
    } finally {
      channel.close();
    }
  }

  @Override
  public String toString() {
    return "SimpleQueue(" + queue.name() + ")";
  }
}
