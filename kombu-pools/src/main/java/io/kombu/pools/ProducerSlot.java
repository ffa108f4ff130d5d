package io.kombu.pools;

import io.kombu.Connection;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import org.jspecify.annotations.Nullable;

/**
 * One pooled producer: the options it was made with, and the core producer bound to the connection it last used. The
 * core producer is tied to its connection (retry reconnects that connection), so a slot lent with another connection
 * gets a new core producer; with LIFO reuse that is rare.
 *
 * <p>Thread-safety: not thread-safe; the pool lends a slot to one thread at a time.
 */
final class ProducerSlot {
  private final ProducerOptions options;
  private @Nullable Connection boundTo;
  private @Nullable Producer producer;

  ProducerSlot(ProducerOptions options) {
    this.options = options;
  }

  /** @param connection the pooled connection (not the loan) it publishes on now @return the producer for it */
  Producer bind(Connection connection) {
    Producer p = producer;
    if (p == null || boundTo != connection) {
      p = connection.producer(options);
      producer = p;
      boundTo = connection;
    }
    return p;
  }

  void close() {
    Producer p = producer;
    producer = null;
    boundTo = null;
    if (p != null) {
      p.close();
    }
  }
}
