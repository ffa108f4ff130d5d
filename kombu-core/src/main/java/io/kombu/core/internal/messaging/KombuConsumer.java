package io.kombu.core.internal.messaging;

import io.kombu.Channel;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.DecodeErrorHandler;
import io.kombu.KombuException;
import io.kombu.MessageHandler;
import io.kombu.MessageListener;
import io.kombu.Queue;
import io.kombu.SerializationException;
import io.kombu.SerializerNotInstalledException;
import io.kombu.spi.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's {@code Consumer}: queues keyed by name (the last one wins), declared on creation unless auto-declare is off,
 * {@code basic.qos(0, prefetchCount, false)} when a prefetch count is set, and one {@code basic.consume} per queue. A
 * delivery becomes a {@link KombuMessage}; decompression and decode failures go to the decode-error handler (or are
 * thrown from {@code drainEvents}); then the raw-message listener or every handler runs. Messages are never settled for
 * the user.
 *
 * <p>Thread-safety: not thread-safe; use it on the thread that drains its connection.
 */
public final class KombuConsumer implements Consumer {
  private static final Logger log = LoggerFactory.getLogger(KombuConsumer.class);

  private final ConsumerOptions options;
  private final Map<String, Queue> queues = new LinkedHashMap<>();
  private final Map<String, String> activeTags = new LinkedHashMap<>();
  private final @Nullable List<String> acceptContentTypes;
  private final List<MessageHandler> handlers;
  private final @Nullable MessageListener onMessage;
  private final @Nullable DecodeErrorHandler onDecodeError;
  private KombuChannel channel;
  private boolean closed;

  /**
   * @param channel the channel to consume on
   * @param options queues, callbacks and settings
   * @param start consume at once (the public API does; the simple queue starts on its first get)
   */
  public KombuConsumer(KombuChannel channel, ConsumerOptions options, boolean start) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.options = Objects.requireNonNull(options, "options");
    for (Queue q : options.queues()) {
      queues.put(q.name(), q);
    }
    List<String> accept = options.accept();
    this.acceptContentTypes = accept == null ? null
        : List.copyOf(channel.connection().settings().serializers().acceptContentTypes(accept));
    this.handlers = List.copyOf(options.handlers());
    this.onMessage = options.onMessage();
    this.onDecodeError = options.onDecodeError();
    setUp();
    if (start) {
      consume();
    }
  }

  private void setUp() {
    if (options.autoDeclare()) {
      for (Queue q : queues.values()) {
        channel.declare(q);
      }
    }
    Integer prefetch = options.prefetchCount();
    if (prefetch != null) {
      channel.qos(0, prefetch, false);
    }
  }

  @Override
  public List<Queue> queues() {
    return List.copyOf(queues.values());
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public void consume() {
    consume(null);
  }

  @Override
  public void consume(boolean noAck) {
    consume(Boolean.valueOf(noAck));
  }

  private void consume(@Nullable Boolean noAckOverride) {
    for (Queue q : queues.values()) {
      if (activeTags.containsKey(q.name())) {
        continue;
      }
      boolean noAck = noAckOverride != null ? noAckOverride
          : options.noAck() != null ? options.noAck() : q.noAck();
      String tag = ConsumerTags.next(options.tagPrefix());
      KombuChannel ch = channel;
      ch.delegate().basicConsume(q.name(), noAck, tag, q.consumerArguments(), d -> receive(ch, d, noAck),
          cancelled -> {
            log.warn("Consumer {} of queue '{}' was cancelled by the broker", cancelled, q.name());
            activeTags.values().remove(cancelled);
          });
      activeTags.put(q.name(), tag);
      log.debug("Consuming from '{}' with tag {} (noAck={})", q.name(), tag, noAck);
    }
  }

  private void receive(KombuChannel ch, Delivery delivery, boolean noAck) {
    KombuMessage message = ch.message(delivery, noAck, acceptContentTypes);
    if (log.isDebugEnabled()) {
      log.debug("Received {} from '{}' ({})", message, delivery.routingKey(), delivery.consumerTag());
    }
    if (!message.errors().isEmpty()) {
      decodeError(message, message.errors().get(0));
      return;
    }
    Object body = null;
    if (onMessage == null) {
      try {
        body = message.decode();
      } catch (SerializationException | SerializerNotInstalledException e) {
        decodeError(message, e);
        return;
      }
    }
    if (onMessage != null) {
      onMessage.onMessage(message);
      return;
    }
    if (handlers.isEmpty()) {
      throw new KombuException("Consumer does not have any callbacks: give it a handler or an onMessage listener");
    }
    for (MessageHandler handler : handlers) {
      handler.handle(body, message);
    }
  }

  private void decodeError(KombuMessage message, KombuException error) {
    if (onDecodeError == null) {
      throw error;
    }
    onDecodeError.onDecodeError(message, error);
  }

  @Override
  public void cancel() {
    for (String tag : new ArrayList<>(activeTags.values())) {
      cancelTag(tag);
    }
    activeTags.clear();
  }

  private void cancelTag(String tag) {
    if (channel.isOpen()) {
      channel.delegate().basicCancel(tag);
    }
  }

  @Override
  public void cancelByQueue(String queueName) {
    String tag = activeTags.remove(queueName);
    if (tag != null) {
      cancelTag(tag);
    }
    queues.remove(queueName);
  }

  @Override
  public boolean consumingFrom(String queueName) {
    return activeTags.containsKey(queueName);
  }

  @Override
  public void addQueue(Queue queue) {
    Objects.requireNonNull(queue, "queue");
    if (options.autoDeclare()) {
      channel.declare(queue);
    }
    queues.put(queue.name(), queue);
  }

  @Override
  public long purge() {
    long total = 0;
    for (Queue q : queues.values()) {
      total += channel.queuePurge(q.name());
    }
    return total;
  }

  @Override
  public void qos(int prefetchSize, int prefetchCount, boolean global) {
    channel.qos(prefetchSize, prefetchCount, global);
  }

  @Override
  public void recover(boolean requeue) {
    channel.recover(requeue);
  }

  @Override
  public void flow(boolean active) {
    channel.flow(active);
  }

  @Override
  public void revive(Channel newChannel) {
    Objects.requireNonNull(newChannel, "channel");
    if (!(newChannel instanceof KombuChannel)) {
      throw new IllegalArgumentException("Can only revive on a channel of a Kombu connection, got " + newChannel);
    }
    activeTags.clear();
    this.channel = (KombuChannel) newChannel;
    setUp();
    consume();
  }

  @Override
  public void close() {
    if (closed) {
      log.debug("Consumer already closed");
      return;
    }
    closed = true;
    cancel();
  }

  @Override
  public String toString() {
    return "Consumer(queues=" + queues.keySet() + ", tags=" + activeTags.values() + ")";
  }
}
