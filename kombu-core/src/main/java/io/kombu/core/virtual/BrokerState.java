package io.kombu.core.virtual;

import io.kombu.ExchangeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The emulated broker's metadata (Kombu's {@code BrokerState}): declared exchanges with their routing tables, and the
 * bindings of every queue. By default each {@link VirtualTransport} has its own (Kombu: exchange declarations are local to
 * a connection); the memory transport shares one instance across the JVM.
 *
 * <p>Thread-safety: thread-safe. Reads used on the publish path ({@link #exchange}, {@link #table}) take no lock.
 */
public final class BrokerState {
  private final Map<String, ExchangeRecord> exchanges = new ConcurrentHashMap<>();
  private final Map<BindingKey, Map<String, Object>> bindings = new HashMap<>();
  private final Map<String, Set<BindingKey>> queueIndex = new HashMap<>();

  /**
   * An exchange as declared. Thread-safety: immutable.
   *
   * @param name exchange name
   * @param type exchange type
   * @param durable durable flag
   * @param autoDelete auto-delete flag
   * @param arguments declaration arguments (never null)
   */
  public record ExchangeDefinition(
      String name, ExchangeType type, boolean durable, boolean autoDelete, Map<String, Object> arguments) {
    /** Copies the arguments. */
    public ExchangeDefinition {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }
  }

  /**
   * A binding of a queue, as remembered for queue deletion. Thread-safety: immutable.
   *
   * @param exchange the exchange
   * @param row the exchange's table row
   */
  public record QueueBinding(String exchange, BindingRow row) {}

  private record BindingKey(String queue, String exchange, String routingKey) {}

  private static final class ExchangeRecord {
    final ExchangeDefinition definition;
    final List<BindingRow> table = new CopyOnWriteArrayList<>();

    ExchangeRecord(ExchangeDefinition definition) {
      this.definition = definition;
    }
  }

  /** @param name exchange name @return its definition, or null when not declared */
  public @Nullable ExchangeDefinition exchange(String name) {
    ExchangeRecord r = exchanges.get(name);
    return r == null ? null : r.definition;
  }

  /**
   * @param definition an exchange to declare
   * @return the definition already declared under that name (left unchanged), or null when this one was added
   */
  public synchronized @Nullable ExchangeDefinition declareExchange(ExchangeDefinition definition) {
    ExchangeRecord existing = exchanges.putIfAbsent(definition.name(), new ExchangeRecord(definition));
    return existing == null ? null : existing.definition;
  }

  /** @param name exchange to forget, with its table (bindings of its queues stay until the queues are deleted) */
  public synchronized void deleteExchange(String name) {
    exchanges.remove(name);
    for (Set<BindingKey> keys : queueIndex.values()) {
      keys.removeIf(k -> k.exchange.equals(name));
    }
    bindings.keySet().removeIf(k -> k.exchange.equals(name));
  }

  /**
   * @param exchange exchange name
   * @return its routing table, read-only (iteration sees a consistent snapshot), empty when not declared
   */
  public List<BindingRow> table(String exchange) {
    ExchangeRecord r = exchanges.get(exchange);
    return r == null ? List.of() : Collections.unmodifiableList(r.table);
  }

  /**
   * Records a binding and appends its row to the exchange's table; a binding already known (same queue, exchange and
   * routing key) is left alone, the first declaration's arguments winning (Kombu).
   *
   * @param exchange exchange name
   * @param row the row ({@link ExchangeRouting#prepareBind})
   * @return true when added, false when it already existed
   */
  public synchronized boolean bind(String exchange, BindingRow row) {
    BindingKey key = new BindingKey(row.queue(), exchange, row.routingKey());
    if (bindings.containsKey(key)) {
      return false;
    }
    bindings.put(key, row.arguments());
    queueIndex.computeIfAbsent(row.queue(), q -> new LinkedHashSet<>()).add(key);
    ExchangeRecord r = exchanges.get(exchange);
    if (r != null) {
      r.table.add(row);
    }
    return true;
  }

  /**
   * @param queue queue
   * @param exchange exchange
   * @param routingKey binding key
   * @return the table rows removed (empty when it was not bound)
   */
  public synchronized List<BindingRow> unbind(String queue, String exchange, String routingKey) {
    BindingKey key = new BindingKey(queue, exchange, routingKey);
    bindings.remove(key);
    Set<BindingKey> keys = queueIndex.get(queue);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        queueIndex.remove(queue);
      }
    }
    ExchangeRecord r = exchanges.get(exchange);
    if (r == null) {
      return List.of();
    }
    List<BindingRow> removed = new ArrayList<>();
    for (BindingRow row : r.table) {
      if (row.queue().equals(queue) && row.routingKey().equals(routingKey)) {
        removed.add(row);
      }
    }
    r.table.removeAll(removed);
    return removed;
  }

  /**
   * @param queue queue
   * @param exchange exchange
   * @param routingKey binding key
   * @return whether that binding exists
   */
  public synchronized boolean isBound(String queue, String exchange, String routingKey) {
    return bindings.containsKey(new BindingKey(queue, exchange, routingKey));
  }

  /**
   * Forgets every binding of a queue and removes its rows from the tables.
   *
   * @param queue queue
   * @return the bindings removed
   */
  public synchronized List<QueueBinding> removeQueueBindings(String queue) {
    Set<BindingKey> keys = queueIndex.remove(queue);
    if (keys == null) {
      return List.of();
    }
    List<QueueBinding> removed = new ArrayList<>();
    for (BindingKey key : keys) {
      bindings.remove(key);
      ExchangeRecord r = exchanges.get(key.exchange);
      if (r != null) {
        for (BindingRow row : r.table) {
          if (row.queue().equals(queue) && row.routingKey().equals(key.routingKey)) {
            removed.add(new QueueBinding(key.exchange, row));
          }
        }
        r.table.removeIf(row -> row.queue().equals(queue) && row.routingKey().equals(key.routingKey));
      }
    }
    return removed;
  }
}
