package io.kombu.benchmarks.memory;

import io.kombu.Connection;
import io.kombu.Exchange;
import io.kombu.Producer;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A memory:// connection with one queue bound to a direct exchange, a producer, and a JSON body of about 100 bytes.
 *
 * <p>Thread-safety: not thread-safe; one per benchmark thread.
 */
final class MemoryBenchmarkState implements AutoCloseable {
  /** Messages per benchmark invocation; reported per message through {@code @OperationsPerInvocation}. */
  static final int BATCH = 1000;

  final Connection connection;
  final Queue queue;
  final Producer producer;
  final PublishOptions options;
  final Map<String, Object> body;

  MemoryBenchmarkState() {
    String id = UUID.randomUUID().toString();
    Exchange exchange = Exchange.direct("bench-" + id).build();
    queue = Queue.builder("bench-" + id).exchange(exchange).routingKey("bench").build();
    connection = Kombu.connect("memory://");
    connection.defaultChannel().declare(queue);
    producer = connection.producer(exchange);
    options = PublishOptions.routingKey("bench");
    body = new LinkedHashMap<>();
    body.put("id", 123456);
    body.put("event", "order.created");
    body.put("customer", "c-0042");
    body.put("amount", 99.95);
    body.put("items", 3);
    body.put("note", "deliver before noon");
  }

  void publishBatch() {
    for (int i = 0; i < BATCH; i++) {
      producer.publish(body, options);
    }
  }

  @Override
  public void close() {
    connection.defaultChannel().queueDelete(queue.name(), false, false);
    connection.close();
  }
}
