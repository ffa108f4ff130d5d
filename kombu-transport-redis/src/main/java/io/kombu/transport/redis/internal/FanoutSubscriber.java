package io.kombu.transport.redis.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Receives fanout messages for one connection: one pub/sub connection {@code PSUBSCRIBE}d to {@code
 * <prefix>/<db>.<exchange>} and {@code <prefix>/<db>.<exchange>/*} for every fanout exchange a queue of this connection is
 * bound to, so every routing key reaches every bound queue (AMQP fanout semantics; Kombu only serves the exact key and
 * one queue per exchange). Messages wait in a bounded in-memory buffer per queue from bind time until taken, so a message
 * published between binding and consuming is not lost. Pub/sub stays at-most-once: a message published while this
 * connection is down is gone, as in Kombu.
 *
 * <p>A daemon thread runs the subscription and reconnects after a Redis restart (logging at INFO); {@link #close()}
 * stops it.
 *
 * <p>Thread-safety: thread-safe.
 */
final class FanoutSubscriber implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FanoutSubscriber.class);
  /** Fanout messages kept per queue that nobody takes; the oldest is dropped beyond this (with a WARN). */
  static final int MAX_BUFFERED = 10_000;

  private final Supplier<UnifiedJedis> client;
  private final RedisKeys keys;
  private final String name;
  private final Map<String, Set<String>> queuesByExchange = new HashMap<>();
  private final Map<String, Deque<String>> buffers = new HashMap<>();
  private final Set<String> subscribedPatterns = new HashSet<>();
  /** Payloads this connection published to an exchange it listens to and waits to see arrive (read-your-writes). */
  private final Set<String> awaited = new HashSet<>();
  private @Nullable Listener listener;
  private @Nullable Thread thread;
  private volatile boolean closed;

  FanoutSubscriber(Supplier<UnifiedJedis> client, RedisKeys keys, String name) {
    this.client = client;
    this.keys = keys;
    this.name = name;
  }

  /** Starts receiving fanout messages of an exchange for a queue; returns once Redis confirmed the subscription. */
  void bind(String exchange, String queue) {
    boolean newExchange;
    synchronized (this) {
      newExchange = !queuesByExchange.containsKey(exchange);
      queuesByExchange.computeIfAbsent(exchange, e -> new LinkedHashSet<>()).add(queue);
      buffers.computeIfAbsent(queue, q -> new ArrayDeque<>());
    }
    if (newExchange) {
      subscribe(patterns(exchange));
    }
  }

  /** Stops feeding a queue from an exchange; unsubscribes when no queue is left for it. */
  void unbind(String exchange, String queue) {
    List<String> drop = null;
    synchronized (this) {
      Set<String> queues = queuesByExchange.get(exchange);
      if (queues == null || !queues.remove(queue)) {
        return;
      }
      if (queues.isEmpty()) {
        queuesByExchange.remove(exchange);
        drop = patterns(exchange);
        subscribedPatterns.removeAll(drop);
      }
      if (queuesByExchange.values().stream().noneMatch(s -> s.contains(queue))) {
        buffers.remove(queue);
      }
    }
    Listener l = listener;
    if (drop != null && l != null && l.isSubscribed()) {
      l.punsubscribe(drop.toArray(new String[0]));
    }
  }

  /** @return whether any queue of this connection is bound to a fanout exchange */
  synchronized boolean active() {
    return !queuesByExchange.isEmpty();
  }

  /** @param queue a queue @return the oldest buffered fanout message for it, or null */
  synchronized @Nullable String take(String queue) {
    Deque<String> buffer = buffers.get(queue);
    return buffer == null ? null : buffer.pollFirst();
  }

  /** @param queue a queue @return how many fanout messages wait for it */
  synchronized int buffered(String queue) {
    Deque<String> buffer = buffers.get(queue);
    return buffer == null ? 0 : buffer.size();
  }

  /** @param queue a queue @return how many buffered messages were dropped */
  synchronized int clear(String queue) {
    Deque<String> buffer = buffers.get(queue);
    if (buffer == null) {
      return 0;
    }
    int n = buffer.size();
    buffer.clear();
    return n;
  }

  private List<String> patterns(String exchange) {
    String base = keys.fanoutBase(exchange);
    return List.of(globEscape(base), globEscape(base) + "/*");
  }

  private static String globEscape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 4);
    for (char c : s.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private void subscribe(List<String> patterns) {
    CountDownLatch confirmed;
    synchronized (this) {
      subscribedPatterns.addAll(patterns);
      if (thread == null) {
        Listener l = new Listener(new CountDownLatch(patterns.size()));
        listener = l;
        confirmed = l.confirmations;
        Thread t = new Thread(() -> run(l), "kombu-redis-fanout-" + name);
        t.setDaemon(true);
        thread = t;
        t.start();
      } else {
        Listener l = listener;
        if (l == null) {
          return;
        }
        confirmed = new CountDownLatch(patterns.size());
        l.awaitConfirmations(confirmed);
        l.psubscribe(patterns.toArray(new String[0]));
      }
    }
    try {
      if (!confirmed.await(5, TimeUnit.SECONDS)) {
        log.warn("Redis did not confirm the fanout subscription to {} within 5 s; messages published before it is "
            + "active are missed", patterns);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(Listener first) {
    try {
      subscribeLoop(first);
    } finally {
      synchronized (this) {
        if (thread == Thread.currentThread()) {
          thread = null;
          listener = null;
        }
      }
    }
  }

  private void subscribeLoop(Listener first) {
    Listener l = first;
    boolean failedBefore = false;
    while (!closed) {
      String[] patterns;
      synchronized (this) {
        patterns = subscribedPatterns.toArray(new String[0]);
      }
      try {
        if (patterns.length == 0) {
          return;
        }
        if (failedBefore) {
          log.info("Redis fanout subscription resumed ({} pattern(s))", patterns.length);
        }
        client.get().psubscribe(l, patterns);
        if (closed) {
          return;
        }
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        if (!failedBefore) {
          log.warn("Redis fanout subscription lost ({}); retrying every second", e.toString());
        }
        failedBefore = true;
        sleepQuietly(Duration.ofSeconds(1));
      }
      synchronized (this) {
        l = new Listener(new CountDownLatch(0));
        listener = l;
      }
    }
  }

  private static void sleepQuietly(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Registers a payload about to be published, so that {@link #awaitOwn} can wait for it.
   *
   * @param exchange the fanout exchange
   * @param message the exact payload
   * @return whether a queue of this connection is bound to the exchange (only then is there anything to wait for)
   */
  synchronized boolean expectOwn(String exchange, String message) {
    if (!queuesByExchange.containsKey(exchange)) {
      return false;
    }
    awaited.add(message);
    return true;
  }

  /**
   * Waits, at most {@code max}, until the subscription has buffered a payload this connection published, so that a get
   * right after the publish sees it (pub/sub delivery to our own subscriber thread is otherwise asynchronous).
   *
   * @param message the payload registered with {@link #expectOwn}
   * @param max the longest to wait
   */
  synchronized void awaitOwn(String message, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    try {
      while (awaited.contains(message) && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          log.debug("our own fanout message did not come back through the subscription within {}", max);
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      awaited.remove(message);
    }
  }

  private void onMessage(String channel, String message) {
    String exchange = keys.exchangeOfChannel(channel);
    synchronized (this) {
      if (awaited.remove(message)) {
        notifyAll();
      }
      Set<String> queues = queuesByExchange.get(exchange);
      if (queues == null) {
        return;
      }
      for (String q : queues) {
        Deque<String> buffer = buffers.computeIfAbsent(q, k -> new ArrayDeque<>());
        if (buffer.size() >= MAX_BUFFERED) {
          buffer.pollFirst();
          log.warn("dropped the oldest fanout message buffered for queue {}: more than {} wait; consume the queue",
              q, MAX_BUFFERED);
        }
        buffer.addLast(message);
      }
    }
  }

  /** Sends a PING on the subscription connection (health check). */
  void ping() {
    Listener l = listener;
    if (l != null && l.isSubscribed()) {
      try {
        l.ping();
      } catch (RuntimeException e) {
        log.debug("fanout subscription ping failed; the subscriber thread reconnects", e);
      }
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      t = thread;
    }
    Listener l = listener;
    if (l != null && l.isSubscribed()) {
      try {
        l.punsubscribe();
      } catch (RuntimeException e) {
        log.debug("punsubscribe on close failed", e);
      }
    }
    if (t != null) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        t.interrupt();
      }
    }
  }

  private final class Listener extends JedisPubSub {
    private volatile CountDownLatch confirmations;

    Listener(CountDownLatch confirmations) {
      this.confirmations = confirmations;
    }

    void awaitConfirmations(CountDownLatch latch) {
      confirmations = latch;
    }

    @Override
    public void onPSubscribe(String pattern, int subscribedChannels) {
      confirmations.countDown();
    }

    @Override
    public void onPMessage(String pattern, String channel, String message) {
      onMessage(channel, message);
    }

    @Override
    public void onMessage(String channel, String message) {
      FanoutSubscriber.this.onMessage(channel, message);
    }
  }
}
