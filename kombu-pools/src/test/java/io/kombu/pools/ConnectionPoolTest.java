package io.kombu.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.ConnectionLimitExceededException;
import io.kombu.Exchange;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConnectionPool")
class ConnectionPoolTest {
  private final Connection template = Kombu.connect("memory://");
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    template.close();
  }

  @Test
  @DisplayName("creates connections lazily, only when acquired")
  void createsLazily() {
    try (ConnectionPool pool = new ConnectionPool(template, 3)) {
      assertThat(pool.inUse()).isZero();
      assertThat(pool.free()).isZero();
      PooledConnection c = pool.acquire();
      assertThat(pool.inUse()).isEqualTo(1);
      assertThat(c.resource()).isNotSameAs(template);
      assertThat(c.isConnected()).isFalse();
      c.release();
      assertThat(pool.inUse()).isZero();
      assertThat(pool.free()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("hands out the most recently released connection first (LIFO)")
  void lifoReuse() {
    try (ConnectionPool pool = new ConnectionPool(template, 3)) {
      PooledConnection a = pool.acquire();
      PooledConnection b = pool.acquire();
      Connection rawA = a.resource();
      Connection rawB = b.resource();
      a.release();
      b.release();
      PooledConnection next = pool.acquire();
      assertThat(next.resource()).isSameAs(rawB);
      PooledConnection after = pool.acquire();
      assertThat(after.resource()).isSameAs(rawA);
    }
  }

  @Test
  @DisplayName("a non-blocking acquire beyond the limit throws ConnectionLimitExceededException")
  void nonBlockingLimit() {
    try (ConnectionPool pool = new ConnectionPool(template, 2)) {
      pool.acquire();
      pool.acquire();
      assertThatThrownBy(pool::acquire)
          .isInstanceOf(ConnectionLimitExceededException.class)
          .hasMessageContaining("limit of 2");
    }
  }

  @Test
  @DisplayName("a blocking acquire gives up with ConnectionLimitExceededException after its timeout")
  void blockingTimeout() {
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      pool.acquire();
      long start = System.nanoTime();
      assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(150)))
          .isInstanceOf(ConnectionLimitExceededException.class)
          .hasMessageContaining("within 150 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }

  @Test
  @DisplayName("a blocked acquire wakes up with the connection another thread releases")
  void blockedAcquireGetsReleasedConnection() throws Exception {
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      PooledConnection held = pool.acquire();
      Connection raw = held.resource();
      CountDownLatch waiting = new CountDownLatch(1);
      CompletableFuture<PooledConnection> other = CompletableFuture.supplyAsync(() -> {
        waiting.countDown();
        return pool.acquire(Duration.ofSeconds(30));
      }, executor);
      assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(other).isNotDone();
      held.release();
      PooledConnection got = other.get(10, TimeUnit.SECONDS);
      assertThat(got.resource()).isSameAs(raw);
    }
  }

  @Test
  @DisplayName("try-with-resources returns the connection open, and the loan cannot be used afterwards")
  void tryWithResourcesReturns() {
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      PooledConnection kept;
      try (PooledConnection c = pool.acquire()) {
        c.connect();
        kept = c;
      }
      assertThat(pool.inUse()).isZero();
      assertThat(pool.free()).isEqualTo(1);
      assertThat(kept.isReleased()).isTrue();
      assertThat(kept.resource().isConnected()).isTrue();
      assertThatThrownBy(kept::channel).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already returned");
      kept.close();
      assertThat(pool.free()).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("use() returns the connection after success and replaces it when the work throws")
  void useReplacesOnFailure() {
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      Connection first = pool.use(Duration.ofSeconds(1), c -> c.connect() == c ? c.resource() : null);
      assertThat(pool.use(Duration.ofSeconds(1), PooledConnection::resource)).isSameAs(first);
      assertThatThrownBy(() -> pool.run(Duration.ofSeconds(1), c -> {
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(first.isConnected()).isFalse();
      assertThat(pool.inUse()).isZero();
      assertThat(pool.free()).isZero();
      assertThat(pool.use(Duration.ofSeconds(1), PooledConnection::resource)).isNotSameAs(first);
    }
  }

  @Test
  @DisplayName("replace closes a broken connection and frees its slot for a new one")
  void replaceFreesSlot() {
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      PooledConnection c = pool.acquire();
      c.connect();
      Connection raw = c.resource();
      pool.replace(c);
      assertThat(raw.isConnected()).isFalse();
      assertThat(c.isReleased()).isTrue();
      PooledConnection fresh = pool.acquire();
      assertThat(fresh.resource()).isNotSameAs(raw);
    }
  }

  @Test
  @DisplayName("release and replace reject connections from another pool")
  void foreignConnection() {
    try (ConnectionPool pool = new ConnectionPool(template, 1); ConnectionPool other = new ConnectionPool(template, 1)) {
      PooledConnection c = other.acquire();
      assertThatThrownBy(() -> pool.release(c)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> pool.replace(template)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("without a limit every loan is a new connection, closed on release")
  void unlimited() {
    try (ConnectionPool pool = new ConnectionPool(template, 0)) {
      PooledConnection a = pool.acquire();
      PooledConnection b = pool.acquire();
      a.connect();
      Connection rawA = a.resource();
      assertThat(pool.inUse()).isEqualTo(2);
      a.release();
      b.release();
      assertThat(rawA.isConnected()).isFalse();
      assertThat(pool.free()).isZero();
      assertThat(pool.inUse()).isZero();
    }
  }

  @Test
  @DisplayName("growing the limit lets a waiting acquire through")
  void growWakesWaiters() throws Exception {
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      pool.acquire();
      CompletableFuture<PooledConnection> waiter =
          CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(30)), executor);
      pool.resize(2);
      assertThat(waiter.get(10, TimeUnit.SECONDS).isReleased()).isFalse();
      assertThat(pool.limit()).isEqualTo(2);
      assertThat(pool.inUse()).isEqualTo(2);
    }
  }

  @Test
  @DisplayName("shrinking below the number in use fails with Kombu's message unless forced")
  void shrinkRules() {
    try (ConnectionPool pool = new ConnectionPool(template, 3)) {
      PooledConnection a = pool.acquire();
      PooledConnection b = pool.acquire();
      a.connect();
      assertThatThrownBy(() -> pool.resize(1))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Can't shrink pool when in use: was=3 now=1");
      assertThat(pool.limit()).isEqualTo(3);
      pool.resize(2);
      assertThat(pool.limit()).isEqualTo(2);
      pool.resize(1, true);
      assertThat(pool.limit()).isEqualTo(1);
      assertThat(pool.inUse()).isZero();
      assertThat(a.resource().isConnected()).isFalse();
      a.release();
      b.release();
      assertThat(pool.free()).isZero();
      assertThat(pool.acquire().resource()).isNotSameAs(a.resource()).isNotSameAs(b.resource());
    }
  }

  @Test
  @DisplayName("shrinking closes the least recently used free connections")
  void shrinkClosesFree() {
    try (ConnectionPool pool = new ConnectionPool(template, 3)) {
      PooledConnection a = pool.acquire();
      PooledConnection b = pool.acquire();
      PooledConnection c = pool.acquire();
      a.connect();
      c.connect();
      Connection rawA = a.resource();
      Connection rawC = c.resource();
      a.release();
      b.release();
      c.release();
      pool.resize(1);
      assertThat(pool.free()).isEqualTo(1);
      assertThat(rawA.isConnected()).isFalse();
      assertThat(rawC.isConnected()).isTrue();
      assertThat(pool.acquire().resource()).isSameAs(rawC);
    }
  }

  @Test
  @DisplayName("forceCloseAll closes connections in use and the pool; acquiring then fails")
  void forceCloseAll() {
    ConnectionPool pool = new ConnectionPool(template, 2);
    PooledConnection inUse = pool.acquire();
    inUse.connect();
    PooledConnection free = pool.acquire();
    free.connect();
    Connection rawFree = free.resource();
    free.release();
    pool.forceCloseAll();
    assertThat(inUse.resource().isConnected()).isFalse();
    assertThat(rawFree.isConnected()).isFalse();
    assertThat(pool.isClosed()).isTrue();
    assertThatThrownBy(pool::acquire).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Acquire on closed pool");
    inUse.release();
    assertThat(pool.free()).isZero();
    pool.close();
  }

  @Test
  @DisplayName("a thread waiting for a connection is told when the pool closes")
  void closeWakesWaiters() throws Exception {
    ConnectionPool pool = new ConnectionPool(template, 1);
    pool.acquire();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
      started.countDown();
      try {
        pool.acquire(Duration.ofSeconds(30));
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    }, executor);
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    pool.close();
    assertThat(waiter.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Acquire on closed pool");
  }

  @Test
  @DisplayName("a pooled connection keeps its declaration cache from one loan to the next")
  void keepsDeclarationCache() {
    Exchange exchange = Exchange.direct("pools-cache-" + UUID.randomUUID()).build();
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      try (PooledConnection c = pool.acquire()) {
        assertThat(c.defaultChannel().maybeDeclare(exchange)).isTrue();
      }
      try (PooledConnection c = pool.acquire()) {
        assertThat(c.defaultChannel().maybeDeclare(exchange)).isFalse();
      }
    }
  }

  @Test
  @DisplayName("acquireChannel returns a connected connection with its default channel open")
  void acquireChannel() {
    try (ConnectionPool pool = new ConnectionPool(template, 1);
        PooledConnection c = pool.acquireChannel(Duration.ofSeconds(1))) {
      assertThat(c.isConnected()).isTrue();
      assertThat(c.defaultChannel().isOpen()).isTrue();
    }
  }

  @Test
  @DisplayName("the template is only cloned, never lent or closed")
  void templateUntouched() {
    try (ConnectionPool pool = new ConnectionPool(template, 1)) {
      pool.acquire().connect();
      assertThat(pool.template()).isSameAs(template);
      assertThat(template.isConnected()).isFalse();
    }
  }

  @Test
  @DisplayName("a negative limit is rejected")
  void negativeLimit() {
    assertThatThrownBy(() -> new ConnectionPool(template, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
