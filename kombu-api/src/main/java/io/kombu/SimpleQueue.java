package io.kombu;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A queue that feels like {@code java.util.Queue}: put and get, with Kombu's exchange, routing and acks underneath (Kombu's
 * {@code SimpleQueue}/{@code SimpleBuffer}). For a name it declares a direct exchange and queue of that name, bound by that
 * name.
 *
 * <pre>{@code
 * try (SimpleQueue queue = conn.simpleQueue("logs")) {
 *   queue.put(Map.of("level", "info", "text", "hello"));
 *   Message m = queue.get(Duration.ofSeconds(1));
 *   m.ack();
 * }
 * }</pre>
 *
 * <p>Thread-safety: not thread-safe.
 */
public interface SimpleQueue extends AutoCloseable {
  /** @return the queue's name */
  String name();

  /** @param body value to publish with the queue's serializer */
  void put(@Nullable Object body);

  /** @param body value to publish @param options serializer, headers, priority, ... (routing key defaults to the name) */
  void put(@Nullable Object body, PublishOptions options);

  /**
   * Waits for the next message.
   *
   * @param timeout how long to wait
   * @return the oldest buffered message
   * @throws QueueEmptyException when none came in time
   */
  Message get(Duration timeout);

  /** @return the next message if one is ready now @throws QueueEmptyException when none is */
  Message getNowait();

  /** @return messages waiting in the queue (a passive declare) */
  long qsize();

  /** @return how many messages were purged */
  long clear();

  /** Stops consuming. The connection stays open. Closing twice does nothing. */
  @Override
  void close();
}
