package io.kombu.pools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Channel;
import io.kombu.ChannelLimitExceededException;
import io.kombu.Connection;
import io.kombu.Queue;
import io.kombu.core.Kombu;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ChannelPool")
class ChannelPoolTest {
  private final Connection connection = Kombu.connect("memory://");
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    connection.close();
  }

  @Test
  @DisplayName("opens channels lazily on its connection and reuses the last one returned")
  void lazyAndLifo() {
    try (ChannelPool pool = new ChannelPool(connection, 2)) {
      assertThat(connection.isConnected()).isFalse();
      PooledChannel a = pool.acquire();
      PooledChannel b = pool.acquire();
      assertThat(connection.isConnected()).isTrue();
      assertThat(a.channelId()).isNotEqualTo(b.channelId());
      Channel rawB = b.resource();
      a.close();
      b.close();
      assertThat(pool.acquire().resource()).isSameAs(rawB);
    }
  }

  @Test
  @DisplayName("a non-blocking acquire beyond the limit throws ChannelLimitExceededException")
  void limit() {
    try (ChannelPool pool = new ChannelPool(connection, 1)) {
      pool.acquire();
      assertThatThrownBy(pool::acquire).isInstanceOf(ChannelLimitExceededException.class);
      assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(50))).isInstanceOf(ChannelLimitExceededException.class);
    }
  }

  @Test
  @DisplayName("a blocked acquire gets the channel another thread returns")
  void blockedAcquire() throws Exception {
    try (ChannelPool pool = new ChannelPool(connection, 1)) {
      PooledChannel held = pool.acquire();
      CompletableFuture<PooledChannel> waiter =
          CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(30)), executor);
      held.close();
      assertThat(waiter.get(10, TimeUnit.SECONDS).resource()).isSameAs(held.resource());
    }
  }

  @Test
  @DisplayName("a channel that was closed while free is replaced by a new one on the next acquire")
  void closedChannelIsReplaced() {
    try (ChannelPool pool = new ChannelPool(connection, 1)) {
      PooledChannel c = pool.acquire();
      Channel raw = c.resource();
      c.close();
      raw.close();
      PooledChannel next = pool.acquire();
      assertThat(next.resource()).isNotSameAs(raw);
      assertThat(next.isOpen()).isTrue();
    }
  }

  @Test
  @DisplayName("use() replaces a channel whose work threw, and the loan is over after close")
  void useReplaces() {
    String name = "pools-ch-" + UUID.randomUUID();
    try (ChannelPool pool = new ChannelPool(connection, 1)) {
      Channel first = pool.use(Duration.ofSeconds(1), ch -> {
        ch.declare(Queue.builder(name).build());
        return ch.resource();
      });
      assertThatThrownBy(() -> pool.run(Duration.ofSeconds(1), ch -> ch.queueDeclarePassive(name + "-missing")))
          .isInstanceOf(io.kombu.KombuException.class);
      assertThat(first.isOpen()).isFalse();
      PooledChannel next = pool.acquire();
      assertThat(next.resource()).isNotSameAs(first);
      next.close();
      assertThat(next.isOpen()).isFalse();
      assertThatThrownBy(() -> next.queuePurge(name)).isInstanceOf(IllegalStateException.class);
      pool.run(Duration.ofSeconds(1), ch -> ch.queueDelete(name, false, false));
    }
  }

  @Test
  @DisplayName("resize, forceCloseAll and close follow the pool rules, and the connection stays open")
  void lifecycle() {
    ChannelPool pool = new ChannelPool(connection, 2);
    PooledChannel a = pool.acquire();
    pool.acquire();
    assertThatThrownBy(() -> pool.resize(1)).hasMessageStartingWith("Can't shrink pool when in use: was=2 now=1");
    pool.close();
    assertThat(a.resource().isOpen()).isFalse();
    assertThat(connection.isConnected()).isTrue();
    assertThatThrownBy(pool::acquire).hasMessageStartingWith("Acquire on closed pool");
    a.close();
    pool.close();
  }
}
