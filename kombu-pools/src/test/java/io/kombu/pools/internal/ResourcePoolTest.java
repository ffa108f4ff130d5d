package io.kombu.pools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.LimitExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ResourcePool")
class ResourcePoolTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  /** A resource that knows whether it was closed. */
  static final class Thing {
    final int id;
    final AtomicBoolean closed = new AtomicBoolean();
    volatile boolean usable = true;

    Thing(int id) {
      this.id = id;
    }
  }

  static final class Things implements ResourcePool.Lifecycle<Thing> {
    final AtomicInteger created = new AtomicInteger();
    final Set<Thing> closed = ConcurrentHashMap.newKeySet();
    volatile boolean failing;

    @Override
    public Thing create() {
      if (failing) {
        throw new IllegalStateException("cannot create");
      }
      return new Thing(created.incrementAndGet());
    }

    @Override
    public boolean isReusable(Thing resource) {
      return resource.usable;
    }

    @Override
    public void close(Thing resource) {
      if (!resource.closed.compareAndSet(false, true)) {
        throw new AssertionError("closed twice: " + resource.id);
      }
      closed.add(resource);
    }
  }

  private static ResourcePool<Thing> pool(Things things, int limit) {
    return new ResourcePool<>("thing", limit, things, LimitExceededException::new);
  }

  @Test
  @DisplayName("never lends more than the limit at once, under 16 competing threads")
  void neverExceedsLimit() throws Exception {
    Things things = new Things();
    ResourcePool<Thing> pool = pool(things, 3);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger maxHolding = new AtomicInteger();
    Set<Thing> lentTwice = ConcurrentHashMap.newKeySet();
    Set<Thing> held = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      futures.add(executor.submit(() -> {
        start.await();
        for (int i = 0; i < 2_000; i++) {
          Thing thing = pool.acquire(Duration.ofSeconds(30));
          if (!held.add(thing)) {
            lentTwice.add(thing);
          }
          maxHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
          holding.decrementAndGet();
          held.remove(thing);
          pool.release(thing);
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(2, TimeUnit.MINUTES);
    }
    assertThat(lentTwice).isEmpty();
    assertThat(maxHolding.get()).isBetween(1, 3);
    assertThat(things.created.get()).isBetween(1, 3);
    assertThat(pool.inUse()).isZero();
    assertThat(pool.free()).isEqualTo(things.created.get());
    assertThat(things.closed).isEmpty();
  }

  @Test
  @DisplayName("a failed creation gives its slot back and the error to the caller")
  void failedCreationFreesSlot() {
    Things things = new Things();
    ResourcePool<Thing> pool = pool(things, 1);
    things.failing = true;
    assertThatThrownBy(() -> pool.acquire(null)).hasMessage("cannot create");
    assertThat(pool.inUse()).isZero();
    things.failing = false;
    assertThat(pool.acquire(null).id).isEqualTo(1);
  }

  @Test
  @DisplayName("a free resource that is no longer usable is closed and replaced on acquire")
  void unusableIsReplaced() {
    Things things = new Things();
    ResourcePool<Thing> pool = pool(things, 1);
    Thing first = pool.acquire(null);
    pool.release(first);
    first.usable = false;
    Thing second = pool.acquire(null);
    assertThat(second).isNotSameAs(first);
    assertThat(first.closed).isTrue();
  }

  @Test
  @DisplayName("an interrupted wait throws the limit exception and keeps the interrupt flag")
  void interruptedWait() throws Exception {
    Things things = new Things();
    ResourcePool<Thing> pool = pool(things, 1);
    pool.acquire(null);
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        pool.acquire(Duration.ofMinutes(5));
        outcome.set("acquired");
      } catch (LimitExceededException e) {
        outcome.set(Thread.currentThread().isInterrupted() && e.getCause() instanceof InterruptedException);
      }
    });
    waiter.start();
    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(waiter.isAlive()).isFalse();
    assertThat(outcome.get()).isEqualTo(Boolean.TRUE);
    assertThat(pool.inUse()).isEqualTo(1);
  }

  @Test
  @DisplayName("a resource released after a forced shrink is closed once, not pooled")
  void releaseAfterForcedShrink() {
    Things things = new Things();
    ResourcePool<Thing> pool = pool(things, 2);
    Thing a = pool.acquire(null);
    Thing b = pool.acquire(null);
    pool.resize(1, true);
    assertThat(a.closed).isTrue();
    assertThat(b.closed).isTrue();
    pool.release(a);
    pool.replace(b);
    assertThat(pool.free()).isZero();
    assertThat(pool.inUse()).isZero();
    assertThat(things.closed).hasSize(2);
  }

  @Test
  @DisplayName("limit 0 lends a new resource every time and closes it on release")
  void unlimited() {
    Things things = new Things();
    ResourcePool<Thing> pool = pool(things, 0);
    Thing a = pool.acquire(null);
    Thing b = pool.acquire(null);
    assertThat(a).isNotSameAs(b);
    pool.release(a);
    assertThat(a.closed).isTrue();
    pool.resize(1, false);
    pool.release(b);
    assertThat(b.closed).isFalse();
    assertThat(pool.free()).isEqualTo(1);
    pool.resize(0, false);
    assertThat(b.closed).isTrue();
  }
}
