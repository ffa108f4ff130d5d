package io.kombu.pools.internal;

import io.kombu.LimitExceededException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's {@code Resource}: a bounded pool of lazily created resources with a LIFO free list and an in-use set.
 *
 * <p>With a limit of 0 the pool is unbounded: every acquire creates a fresh resource and every release closes it (Kombu's
 * {@code limit=None}). With a limit, at most {@code limit} resources exist; they are created on first demand, not up front,
 * and a released resource is the next one handed out (LIFO keeps few resources warm). Resources are created and closed
 * outside the lock, so a slow connect never blocks other threads' releases.
 *
 * <p>Thread-safety: thread-safe; one lock guards the free list, the in-use set and the limit.
 *
 * @param <R> the pooled resource
 */
public final class ResourcePool<R> {
  private static final Logger log = LoggerFactory.getLogger(ResourcePool.class);

  /**
   * How the pool makes, checks and closes its resources.
   *
   * <p>Thread-safety: implementations are called from many threads, one resource at a time.
   *
   * @param <R> the resource
   */
  public interface Lifecycle<R> {
    /** @return a new resource; may throw, and the slot is then given back */
    R create();

    /** @param resource a free resource about to be handed out @return false when it must be closed and replaced */
    default boolean isReusable(R resource) {
      return true;
    }

    /** @param resource a resource leaving the pool for good; errors are logged and ignored */
    void close(R resource);
  }

  private final String kind;
  private final Lifecycle<R> lifecycle;
  private final BiFunction<String, @Nullable Throwable, LimitExceededException> limitError;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<R> free = new ArrayDeque<>();
  private final Set<R> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
  private int creating;
  private int limit;
  private boolean closed;

  /**
   * @param kind what is pooled, for messages ("connection", "channel", "producer")
   * @param limit the most resources at once, 0 for no limit
   * @param lifecycle creates, checks and closes resources
   * @param limitError makes the exception thrown when the limit is reached
   */
  public ResourcePool(String kind, int limit, Lifecycle<R> lifecycle,
      BiFunction<String, @Nullable Throwable, LimitExceededException> limitError) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.limitError = Objects.requireNonNull(limitError, "limitError");
    this.limit = checkLimit(limit);
  }

  private static int checkLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("pool limit must be 0 (no limit) or more, not " + limit);
    }
    return limit;
  }

  /**
   * Hands out a free resource (the most recently released), or creates one while below the limit.
   *
   * @param timeout null to fail at once when the limit is reached (Kombu's {@code block=False}), else how long to wait
   *     for a release
   * @return a resource now in use
   * @throws LimitExceededException (the pool's subclass) when none became free in time
   * @throws IllegalStateException when the pool is closed
   */
  public R acquire(@Nullable Duration timeout) {
    long deadline = timeout == null ? 0 : System.nanoTime() + Math.max(0, timeout.toNanos());
    List<R> stale = new ArrayList<>(0);
    R reused = null;
    lock.lock();
    try {
      while (true) {
        checkOpen();
        if (limit > 0) {
          R candidate = free.pollFirst();
          if (candidate != null) {
            if (lifecycle.isReusable(candidate)) {
              inUse.add(candidate);
              reused = candidate;
              break;
            }
            stale.add(candidate);
            continue;
          }
          if (inUse.size() + creating >= limit) {
            if (timeout == null) {
              throw limitError.apply("no free " + kind + " in the pool and its limit of " + limit + " is reached;"
                  + " release one first, acquire with a timeout to wait, or raise the limit", null);
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
              throw limitError.apply("no " + kind + " became free within " + timeout.toMillis() + " ms (limit "
                  + limit + ", all in use); release " + kind + "s sooner, wait longer, or raise the limit", null);
            }
            try {
              changed.awaitNanos(remaining);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw limitError.apply("interrupted while waiting for a free " + kind + " (limit " + limit + ")", e);
            }
            continue;
          }
        }
        creating++;
        break;
      }
    } finally {
      lock.unlock();
      closeAll(stale);
    }
    return reused != null ? reused : createReserved();
  }

  private R createReserved() {
    R created;
    try {
      created = lifecycle.create();
    } catch (RuntimeException | Error e) {
      lock.lock();
      try {
        creating--;
        changed.signal();
      } finally {
        lock.unlock();
      }
      throw e;
    }
    boolean wasClosed;
    lock.lock();
    try {
      creating--;
      wasClosed = closed;
      if (!wasClosed) {
        inUse.add(created);
      }
    } finally {
      lock.unlock();
    }
    if (wasClosed) {
      closeQuietly(created);
      throw closedError();
    }
    log.debug("Created a pooled {}", kind);
    return created;
  }

  /**
   * Returns a resource: it becomes the next one handed out, unless the pool has no limit, is closed, or shrank below what
   * exists, in which case it is closed. A resource the pool no longer knows (force-closed, replaced) is ignored.
   *
   * @param resource a resource from {@link #acquire}
   */
  public void release(R resource) {
    Objects.requireNonNull(resource, "resource");
    boolean close;
    lock.lock();
    try {
      if (!inUse.remove(resource)) {
        log.debug("Ignoring the release of a {} the pool no longer tracks (force-closed or replaced)", kind);
        return;
      }
      close = closed || limit == 0 || inUse.size() + creating + free.size() >= limit;
      if (!close) {
        free.addFirst(resource);
      }
      changed.signal();
    } finally {
      lock.unlock();
    }
    if (close) {
      closeQuietly(resource);
    }
  }

  /**
   * Closes a broken resource and frees its slot; the next acquire creates a fresh one. A resource the pool no longer
   * tracks was already closed (force-closed or replaced) and is left alone.
   *
   * @param resource a resource from {@link #acquire}
   */
  public void replace(R resource) {
    Objects.requireNonNull(resource, "resource");
    lock.lock();
    try {
      if (!inUse.remove(resource)) {
        log.debug("Ignoring the replacement of a {} the pool no longer tracks (force-closed or replaced)", kind);
        return;
      }
      changed.signal();
    } finally {
      lock.unlock();
    }
    closeQuietly(resource);
    log.debug("Replaced a broken pooled {}", kind);
  }

  /**
   * Changes the limit. Growing, or shrinking to no fewer than are in use, always works: extra free resources are closed,
   * least recently used first.
   *
   * @param newLimit the new limit, 0 for none
   * @param force when shrinking below the number in use: close every resource, in use or not (their later release is
   *     ignored), instead of failing
   * @throws IllegalStateException "Can't shrink pool when in use: was=A now=B" when shrinking below the number in use
   *     without force
   */
  public void resize(int newLimit, boolean force) {
    checkLimit(newLimit);
    List<R> toClose = new ArrayList<>();
    lock.lock();
    try {
      int busy = inUse.size() + creating;
      if (newLimit > 0 && newLimit < busy) {
        if (!force) {
          throw new IllegalStateException("Can't shrink pool when in use: was=" + limit + " now=" + newLimit
              + " (" + busy + " " + kind + "s in use; release them first, or resize with force to close them all)");
        }
        toClose.addAll(inUse);
        inUse.clear();
        toClose.addAll(free);
        free.clear();
      }
      limit = newLimit;
      while (limit > 0 && !free.isEmpty() && inUse.size() + creating + free.size() > limit) {
        toClose.add(free.pollLast());
      }
      if (limit == 0) {
        toClose.addAll(free);
        free.clear();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    closeAll(toClose);
  }

  /**
   * Closes every resource, also those in use (Kombu's {@code force_close_all}); their later release is ignored.
   *
   * @param closePool also close the pool, so that acquire fails with "Acquire on closed pool"
   */
  public void forceCloseAll(boolean closePool) {
    List<R> toClose;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = closePool;
      toClose = new ArrayList<>(inUse);
      toClose.addAll(free);
      inUse.clear();
      free.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    closeAll(toClose);
  }

  /** @return the limit, 0 for none */
  public int limit() {
    lock.lock();
    try {
      return limit;
    } finally {
      lock.unlock();
    }
  }

  /** @return resources handed out and not yet returned */
  public int inUse() {
    lock.lock();
    try {
      return inUse.size() + creating;
    } finally {
      lock.unlock();
    }
  }

  /** @return resources waiting in the free list */
  public int free() {
    lock.lock();
    try {
      return free.size();
    } finally {
      lock.unlock();
    }
  }

  /** @return whether the pool was closed */
  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @param resource a resource
   * @return whether it is currently handed out by this pool
   */
  public boolean isInUse(R resource) {
    lock.lock();
    try {
      return inUse.contains(resource);
    } finally {
      lock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw closedError();
    }
  }

  private IllegalStateException closedError() {
    return new IllegalStateException("Acquire on closed pool: this " + kind + " pool was closed (close(),"
        + " forceCloseAll() or a pool group reset); get a new pool");
  }

  private void closeAll(List<R> resources) {
    for (R r : resources) {
      closeQuietly(r);
    }
  }

  private void closeQuietly(R resource) {
    try {
      lifecycle.close(resource);
    } catch (RuntimeException e) {
      log.debug("Ignoring error while closing a pooled {}: {}", kind, e.toString());
    }
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return kind + " pool(limit=" + limit + ", inUse=" + (inUse.size() + creating) + ", free=" + free.size()
          + (closed ? ", closed" : "") + ")";
    } finally {
      lock.unlock();
    }
  }
}
