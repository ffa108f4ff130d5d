package io.kombu.core.virtual.internal;

import io.kombu.ExchangeType;
import io.kombu.core.virtual.BindingRow;
import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.MessageStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A plain FIFO-per-queue store that records every call the engine makes, for the engine's tests. Not thread-safe. */
final class ListStore implements MessageStore {
  final Map<String, Deque<Envelope>> queues = new LinkedHashMap<>();
  final List<String> calls = new ArrayList<>();
  final Set<String> declared = new HashSet<>();
  boolean fanout;
  boolean strictHasQueue;
  boolean closed;
  /** When set, bindings are persisted here and read back for routing, as Redis and MongoDB do. */
  @Nullable Map<String, List<BindingRow>> persisted;

  @Override
  public void put(String queue, Envelope envelope) {
    calls.add("put " + queue);
    queues.computeIfAbsent(queue, q -> new ArrayDeque<>()).addLast(envelope);
  }

  /** What {@link #batchGetLimit()} answers: above 1 the engine takes batches with {@link #getBatch}. */
  int batchLimit = 1;

  @Override
  public void putAll(String queue, List<Envelope> envelopes) {
    calls.add("putAll " + queue + " " + envelopes.size());
    queues.computeIfAbsent(queue, q -> new ArrayDeque<>()).addAll(envelopes);
  }

  @Override
  public int batchGetLimit() {
    return batchLimit;
  }

  @Override
  public List<Envelope> getBatch(String queue, int max, boolean ackRequired) {
    calls.add("getBatch " + queue + " " + max);
    return MessageStore.super.getBatch(queue, max, ackRequired);
  }

  @Override
  public @Nullable Envelope get(String queue) {
    Deque<Envelope> d = queues.get(queue);
    return d == null ? null : d.pollFirst();
  }

  @Override
  public long size(String queue) {
    Deque<Envelope> d = queues.get(queue);
    return d == null ? 0 : d.size();
  }

  @Override
  public long purge(String queue) {
    Deque<Envelope> d = queues.get(queue);
    int n = d == null ? 0 : d.size();
    if (d != null) {
      d.clear();
    }
    return n;
  }

  @Override
  public void delete(String queue) {
    calls.add("delete " + queue);
    queues.remove(queue);
    declared.remove(queue);
  }

  @Override
  public void newQueue(String queue, Map<String, Object> arguments) {
    declared.add(queue);
  }

  @Override
  public boolean hasQueue(String queue) {
    return !strictHasQueue || declared.contains(queue);
  }

  @Override
  public boolean supportsFanout() {
    return fanout;
  }

  @Override
  public void recordUnacked(String queue, Envelope envelope) {
    calls.add("unacked " + queue);
  }

  @Override
  public void ack(String queue, Envelope envelope) {
    calls.add("ack " + queue + " " + new String(envelope.body()));
  }

  @Override
  public void requeue(String queue, Envelope envelope) {
    calls.add("requeue " + queue + " " + new String(envelope.body()));
    queues.computeIfAbsent(queue, q -> new ArrayDeque<>()).addLast(envelope.withRedelivered());
  }

  @Override
  public void restore(String queue, Envelope envelope) {
    calls.add("restore " + queue + " " + new String(envelope.body()));
    queues.computeIfAbsent(queue, q -> new ArrayDeque<>()).addFirst(envelope.withRedelivered());
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void bind(String exchange, ExchangeType type, BindingRow row) {
    calls.add("bind " + exchange + " " + type + " " + row.routingKey() + " " + row.queue());
    if (persisted != null) {
      persisted.computeIfAbsent(exchange, e -> new ArrayList<>()).add(row);
    }
  }

  @Override
  public void unbind(String exchange, BindingRow row) {
    calls.add("unbind " + exchange + " " + row.routingKey() + " " + row.queue());
    if (persisted != null) {
      persisted.getOrDefault(exchange, new ArrayList<>()).removeIf(row::sameTriple);
    }
  }

  @Override
  public @Nullable List<BindingRow> bindings(String exchange) {
    return persisted == null ? null : persisted.getOrDefault(exchange, List.of());
  }

  List<String> bodies(String queue) {
    List<String> out = new ArrayList<>();
    for (Envelope e : queues.getOrDefault(queue, new ArrayDeque<>())) {
      out.add(new String(e.body()));
    }
    return out;
  }
}
