package io.kombu;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's {@code Broadcast}: a fanout exchange and a private, auto-deleted queue bound to it, so that every consumer gets a
 * copy of every message. The queue is named {@code bcast.<uuid4>} unless a name is given; its alias is the exchange name.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class Broadcast {
  private Broadcast() {}

  /** @param exchangeName the fanout exchange @return a queue named {@code bcast.<uuid4>} bound to it */
  public static Queue queue(String exchangeName) {
    return queue(exchangeName, null, false);
  }

  /**
   * @param exchangeName the fanout exchange
   * @param queueName the queue name, or null for {@code bcast}
   * @param unique append {@code .<uuid4>} to the queue name
   * @return the queue, auto-delete, bound to the fanout exchange
   */
  public static Queue queue(String exchangeName, @Nullable String queueName, boolean unique) {
    String name;
    if (queueName == null) {
      name = "bcast." + UUID.randomUUID();
    } else {
      name = unique ? queueName + "." + UUID.randomUUID() : queueName;
    }
    return Queue.builder(name)
        .exchange(Exchange.fanout(exchangeName).build())
        .autoDelete(true)
        .alias(exchangeName)
        .build();
  }
}
