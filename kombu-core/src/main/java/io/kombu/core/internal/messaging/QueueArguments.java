package io.kombu.core.internal.messaging;

import io.kombu.Declarable;
import io.kombu.Exchange;
import io.kombu.Queue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's queue x-argument mapping and the declaration cache rules.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class QueueArguments {
  private QueueArguments() {}

  /**
   * @param queue the queue
   * @return its queue arguments merged with the typed helpers ({@code x-expires} and {@code x-message-ttl} as int
   *     milliseconds, {@code x-max-length}, {@code x-max-length-bytes}, {@code x-max-priority}, {@code
   *     x-dead-letter-exchange}, {@code x-dead-letter-routing-key}, {@code x-queue-type}); the helpers win over same keys
   */
  public static Map<String, Object> of(Queue queue) {
    Map<String, Object> args = new LinkedHashMap<>(queue.queueArguments());
    putMillis(args, "x-expires", queue.expires());
    putMillis(args, "x-message-ttl", queue.messageTtl());
    if (queue.maxLength() != null) {
      args.put("x-max-length", queue.maxLength());
    }
    if (queue.maxLengthBytes() != null) {
      args.put("x-max-length-bytes", queue.maxLengthBytes());
    }
    if (queue.maxPriority() != null) {
      args.put("x-max-priority", queue.maxPriority());
    }
    if (queue.deadLetterExchange() != null) {
      args.put("x-dead-letter-exchange", queue.deadLetterExchange());
    }
    if (queue.deadLetterRoutingKey() != null) {
      args.put("x-dead-letter-routing-key", queue.deadLetterRoutingKey());
    }
    if (queue.queueType() != null) {
      args.put("x-queue-type", queue.queueType());
    }
    return args;
  }

  private static void putMillis(Map<String, Object> args, String key, @Nullable Duration d) {
    if (d != null) {
      // Kombu sends int(seconds * 1000); an int keeps RabbitMQ's argument type check happy.
      args.put(key, (int) Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
  }

  /** @param entity exchange or queue @return the cache key, {@code E|name} or {@code Q|name} */
  public static String cacheKey(Declarable entity) {
    return (entity instanceof Exchange ? "E|" : "Q|") + entity.name();
  }

  /**
   * @param entity exchange or queue
   * @return whether a declaration may be remembered: not for auto-delete entities nor for queues that expire
   */
  public static boolean cacheable(Declarable entity) {
    if (entity instanceof Exchange) {
      return !((Exchange) entity).autoDelete();
    }
    Queue q = (Queue) entity;
    return !q.autoDelete() && q.expires() == null && !q.queueArguments().containsKey("x-expires");
  }
}
