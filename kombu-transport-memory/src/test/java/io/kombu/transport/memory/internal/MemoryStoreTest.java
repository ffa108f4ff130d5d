package io.kombu.transport.memory.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.PolledMessage;
import io.kombu.spi.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MemoryStore")
class MemoryStoreTest {
  private final MemoryStore store = new MemoryStore();

  private static Envelope env(String body, int priority) {
    OutboundMessage m = new OutboundMessage(body.getBytes(StandardCharsets.UTF_8), null, null, Map.of(),
        Map.of("priority", priority));
    return Envelope.forPublish(m, "", "q", "base64", body);
  }

  private static String body(Envelope e) {
    return new String(e.body(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("a queue is first in, first out within one priority")
  void fifo() {
    for (int i = 0; i < 5; i++) {
      store.put("q", env("m" + i, 0));
    }
    assertThat(store.size("q")).isEqualTo(5);
    List<String> out = new ArrayList<>();
    for (Envelope e = store.get("q"); e != null; e = store.get("q")) {
      out.add(body(e));
    }
    assertThat(out).containsExactly("m0", "m1", "m2", "m3", "m4");
    assertThat(store.get("unknown")).isNull();
    assertThat(store.size("unknown")).isZero();
  }

  @Test
  @DisplayName("higher priorities are served first (AMQP order), priorities above 9 count as 9")
  void priority() {
    store.put("q", env("low", 0));
    store.put("q", env("mid", 5));
    store.put("q", env("high", 9));
    store.put("q", env("mid2", 5));
    store.put("q", env("huge", 42));
    List<String> out = new ArrayList<>();
    for (Envelope e = store.get("q"); e != null; e = store.get("q")) {
      out.add(body(e));
    }
    assertThat(out).containsExactly("high", "huge", "mid", "mid2", "low");
  }

  @Test
  @DisplayName("restore puts a message at the front of its queue, marked redelivered; requeue puts it at the back")
  void restoreAndRequeue() {
    store.put("q", env("a", 0));
    store.put("q", env("b", 0));
    store.restore("q", env("r", 0));
    store.requeue("q", env("z", 0));
    Envelope first = store.get("q");
    assertThat(body(first)).isEqualTo("r");
    assertThat(first.redelivered()).isTrue();
    assertThat(body(store.get("q"))).isEqualTo("a");
    assertThat(body(store.get("q"))).isEqualTo("b");
    Envelope last = store.get("q");
    assertThat(body(last)).isEqualTo("z");
    assertThat(last.redelivered()).isTrue();
  }

  @Test
  @DisplayName("declaring creates the queue, purge empties it and keeps it, delete removes it")
  void lifecycle() {
    assertThat(store.hasQueue("q")).isFalse();
    store.newQueue("q", Map.of());
    assertThat(store.hasQueue("q")).isTrue();
    store.put("q", env("a", 0));
    store.put("q", env("b", 3));
    assertThat(store.purge("q")).isEqualTo(2);
    assertThat(store.hasQueue("q")).isTrue();
    assertThat(store.size("q")).isZero();
    store.delete("q");
    assertThat(store.hasQueue("q")).isFalse();
    assertThat(store.purge("q")).isZero();
    store.put("auto", env("x", 0));
    assertThat(store.hasQueue("auto")).isTrue();
  }

  @Test
  @DisplayName("poll returns at once from the first non-empty queue in the given order")
  void pollPrefersOrder() {
    store.put("b", env("from-b", 0));
    store.put("c", env("from-c", 0));
    PolledMessage p = store.poll(List.of("a", "b", "c"), Duration.ofSeconds(5));
    assertThat(p).isNotNull();
    assertThat(p.queue()).isEqualTo("b");
    assertThat(body(p.envelope())).isEqualTo("from-b");
  }

  @Test
  @DisplayName("poll returns null after the wait when nothing arrives, and zero wait does not block")
  void pollTimesOut() {
    long start = System.nanoTime();
    assertThat(store.poll(List.of("empty"), Duration.ofMillis(100))).isNull();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    assertThat(store.poll(List.of("empty"), Duration.ZERO)).isNull();
  }

  @Test
  @DisplayName("a blocked poll wakes when another thread puts into a watched queue")
  void pollWakesOnPut() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch started = new CountDownLatch(1);
      Future<PolledMessage> f = pool.submit(() -> {
        started.countDown();
        return store.poll(List.of("x", "y"), Duration.ofSeconds(30));
      });
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      store.put("y", env("hello", 0));
      PolledMessage p = f.get(10, TimeUnit.SECONDS);
      assertThat(p.queue()).isEqualTo("y");
      assertThat(body(p.envelope())).isEqualTo("hello");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("several threads putting and getting concurrently lose and duplicate nothing")
  void concurrency() throws Exception {
    int producers = 4;
    int consumers = 4;
    int perProducer = 20_000;
    int total = producers * perProducer;
    ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
    Set<String> seen = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger received = new AtomicInteger();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int id = p;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perProducer; i++) {
            store.put(i % 2 == 0 ? "c1" : "c2", env(id + "-" + i, i % 10));
          }
        }));
      }
      for (int c = 0; c < consumers; c++) {
        futures.add(pool.submit(() -> {
          while (received.get() < total) {
            PolledMessage m = store.poll(List.of("c1", "c2"), Duration.ofMillis(50));
            if (m != null) {
              received.incrementAndGet();
              if (!seen.add(body(m.envelope()))) {
                duplicates.incrementAndGet();
              }
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates.get()).isZero();
    assertThat(seen).hasSize(total);
    assertThat(store.size("c1") + store.size("c2")).isZero();
    Set<String> expected = new HashSet<>();
    for (int p = 0; p < producers; p++) {
      for (int i = 0; i < perProducer; i++) {
        expected.add(p + "-" + i);
      }
    }
    assertThat(seen).isEqualTo(expected);
  }
}
