package io.kombu.transport.memory.internal;

import io.kombu.KombuException;
import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.PolledMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The memory broker's queues: name to priority FIFO, shared by every memory connection of the JVM. Keeps {@link
 * Envelope} objects as they are (no JSON, no base64). Putting to, or declaring, an unknown name creates the queue; a
 * blocking {@link #poll} wakes as soon as a message is put; restored messages go to the front of their queue.
 *
 * <p>Thread-safety: thread-safe (one lock for all queues, so that a wait over several queues sees every put).
 */
public final class MemoryStore implements MessageStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Map<String, PriorityFifo> queues = new HashMap<>();
  private int waiters;

  @Override
  public void put(String queue, Envelope envelope) {
    lock.lock();
    try {
      fifo(queue).addLast(envelope);
      signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public @Nullable Envelope get(String queue) {
    lock.lock();
    try {
      PriorityFifo f = queues.get(queue);
      return f == null ? null : f.poll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long size(String queue) {
    lock.lock();
    try {
      PriorityFifo f = queues.get(queue);
      return f == null ? 0 : f.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long purge(String queue) {
    lock.lock();
    try {
      PriorityFifo f = queues.get(queue);
      return f == null ? 0 : f.clear();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void delete(String queue) {
    lock.lock();
    try {
      queues.remove(queue);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void newQueue(String queue, Map<String, Object> arguments) {
    lock.lock();
    try {
      fifo(queue);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean hasQueue(String queue) {
    lock.lock();
    try {
      return queues.containsKey(queue);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean supportsBlockingPoll() {
    return true;
  }

  @Override
  public @Nullable PolledMessage poll(List<String> queueNames, Duration maxWait) {
    long nanos = maxWait.toNanos();
    lock.lock();
    try {
      while (true) {
        for (String q : queueNames) {
          PriorityFifo f = queues.get(q);
          Envelope e = f == null ? null : f.poll();
          if (e != null) {
            return new PolledMessage(q, e);
          }
        }
        if (nanos <= 0) {
          return null;
        }
        waiters++;
        try {
          nanos = arrived.awaitNanos(nanos);
        } finally {
          waiters--;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KombuException("interrupted while waiting for messages; the thread's interrupt flag is set", e);
    } finally {
      lock.unlock();
    }
  }

  /** Puts the message back at the front of its queue, so that restoring newest-first keeps the original order. */
  @Override
  public void restore(String queue, Envelope envelope) {
    lock.lock();
    try {
      fifo(queue).addFirst(envelope.withRedelivered());
      signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean supportsFanout() {
    return true;
  }

  /** The store is shared by every connection: closing one connection leaves it as it is. */
  @Override
  public void close() {}

  private PriorityFifo fifo(String queue) {
    return queues.computeIfAbsent(queue, q -> new PriorityFifo());
  }

  private void signal() {
    if (waiters > 0) {
      arrived.signalAll();
    }
  }
}
