package io.kombu.transport.memory.internal;

import io.kombu.core.virtual.Envelope;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One memory queue: a FIFO per priority 0..9, the highest priority served first (AMQP order).
 *
 * <p>Thread-safety: not thread-safe; {@link MemoryStore} guards it with its lock.
 */
final class PriorityFifo {
  private final @Nullable ArrayDeque<Envelope>[] buckets;
  private int size;

  @SuppressWarnings("unchecked")
  PriorityFifo() {
    buckets = (ArrayDeque<Envelope>[]) new ArrayDeque<?>[10];
  }

  void addLast(Envelope e) {
    bucket(e.priority()).addLast(e);
    size++;
  }

  void addFirst(Envelope e) {
    bucket(e.priority()).addFirst(e);
    size++;
  }

  @Nullable Envelope poll() {
    if (size == 0) {
      return null;
    }
    for (int p = buckets.length - 1; p >= 0; p--) {
      ArrayDeque<Envelope> b = buckets[p];
      if (b != null && !b.isEmpty()) {
        size--;
        return b.pollFirst();
      }
    }
    return null;
  }

  int size() {
    return size;
  }

  int clear() {
    int n = size;
    for (ArrayDeque<Envelope> b : buckets) {
      if (b != null) {
        b.clear();
      }
    }
    size = 0;
    return n;
  }

  private ArrayDeque<Envelope> bucket(int priority) {
    ArrayDeque<Envelope> b = buckets[priority];
    if (b == null) {
      b = new ArrayDeque<>();
      buckets[priority] = b;
    }
    return b;
  }
}
