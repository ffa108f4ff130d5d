package io.kombu.transport.redis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * Tells an idle consumer that something was pushed to the lists it consumes, without popping anything, so that every
 * pop can stay inside the Lua script that also records the message as unacked (BRPOP cannot run in a script, and BLMOVE
 * takes one source key where a consumer waits on many).
 *
 * <p>It uses Redis client-side-caching invalidations in broadcast mode (Redis 6+): a <em>notifier</em> connection runs
 * {@code SUBSCRIBE __redis__:invalidate}, and a <em>tracker</em> connection runs {@code CLIENT TRACKING ON REDIRECT
 * <notifier id> BCAST PREFIX ... NOLOOP} with the fewest non-overlapping prefixes covering the consumed keys. Any write
 * by any client (a Python producer's LPUSH included) to a key under a prefix then sends the notifier a message, which
 * bumps a counter the consumer waits on. The consumer pops on the tracker connection, so NOLOOP keeps its own pops
 * quiet. Prefixes match more than our keys (queue {@code a} also covers {@code ab}): an extra message only costs one
 * empty pop.
 *
 * <p>Both connections are dedicated (outside the pool), because tracking is per connection state that must outlive any
 * one command. When either breaks (Redis restart, {@code CLIENT KILL}, failover) the watch is reset and reopened on the
 * next {@link #track} call; callers pop once after every {@link #track}, so a push made while it was down is not
 * missed.
 *
 * <p>Thread-safety: thread-safe. One consumer thread calls {@link #track}, {@link #events} and {@link #await}; the
 * notifier runs on its own daemon thread; {@link #close()} may come from any thread.
 */
final class PushWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PushWatch.class);
  static final String CHANNEL = "__redis__:invalidate";

  private final Supplier<Connection> opener;
  private final String name;
  private final Object signal = new Object();
  /** Invalidation messages received so far (guarded by {@link #signal}). */
  private long events;
  /** The subscribed connection; volatile so its thread can tell whether it is still the current one. */
  private volatile @Nullable Connection notifier;
  private long notifierId;
  private @Nullable UnifiedJedis tracker;
  private @Nullable Thread thread;
  /** The prefixes tracking is on for, or null when tracking is off. */
  private @Nullable List<String> tracked;
  private volatile boolean broken;
  private volatile boolean closed;

  /**
   * @param opener opens a new connection configured like the pool's, not yet connected
   * @param name a short name for the notifier thread
   */
  PushWatch(Supplier<Connection> opener, String name) {
    this.opener = opener;
    this.name = name;
  }

  /**
   * The fewest prefixes that cover every key: Redis refuses overlapping ones, and a queue's name covers its priority
   * buckets ({@code <queue>␆␖<step>}). Sorted order puts a prefix right before the keys it covers.
   *
   * @param keys the bucket-0 keys (global prefix included) of the consumed queues
   * @return the prefixes; a single empty string means "every key"
   */
  static List<String> prefixes(Collection<String> keys) {
    List<String> out = new ArrayList<>();
    for (String k : new TreeSet<>(keys)) {
      if (out.isEmpty() || !k.startsWith(out.get(out.size() - 1))) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * Makes sure tracking is on for exactly these prefixes, opening (or reopening after a failure) both connections.
   * Everything pushed after this returns is signalled; the caller must pop once after it before waiting.
   *
   * @param prefixes from {@link #prefixes}
   * @return the tracker connection, on which the caller pops (for the consumer thread only)
   * @throws redis.clients.jedis.exceptions.JedisDataException when Redis refuses tracking or the subscription (Redis
   *     older than 6, or an ACL without CLIENT or the invalidation channel)
   * @throws redis.clients.jedis.exceptions.JedisConnectionException when Redis cannot be reached
   */
  synchronized UnifiedJedis track(List<String> prefixes) {
    if (closed) {
      throw new IllegalStateException("the push watch is closed");
    }
    if (broken || tracker == null) {
      boolean reopen = broken;
      reset();
      open();
      if (reopen) {
        log.info("Redis push notifications for an idle consumer re-established");
      }
    }
    UnifiedJedis t = tracker;
    if (t == null) {
      throw new IllegalStateException("tracker missing after open");
    }
    if (!prefixes.equals(tracked)) {
      try {
        if (tracked != null) {
          // ON again would add to the old prefixes (and reset NOLOOP); OFF first starts from a clean set.
          t.sendCommand(Protocol.Command.CLIENT, "TRACKING", "OFF");
          tracked = null;
        }
        t.sendCommand(Protocol.Command.CLIENT, trackingOn(notifierId, prefixes));
        tracked = List.copyOf(prefixes);
      } catch (RuntimeException e) {
        broken = true;
        throw e;
      }
    }
    return t;
  }

  private static String[] trackingOn(long redirect, List<String> prefixes) {
    List<String> args = new ArrayList<>(List.of("TRACKING", "ON", "REDIRECT", Long.toString(redirect), "BCAST"));
    for (String p : prefixes) {
      if (!p.isEmpty()) {
        args.add("PREFIX");
        args.add(p);
      }
    }
    args.add("NOLOOP");
    return args.toArray(new String[0]);
  }

  private void open() {
    Connection n = opener.get();
    notifier = n;
    try {
      notifierId = (Long) n.executeCommand(new CommandArguments(Protocol.Command.CLIENT).add("ID"));
      n.sendCommand(Protocol.Command.SUBSCRIBE, CHANNEL);
      // Read the confirmation before tracking redirects here: messages for a client not yet subscribed are lost.
      List<Object> reply = n.getObjectMultiBulkReply();
      if (reply == null || reply.isEmpty() || !"subscribe".equals(text(reply.get(0)))) {
        throw new IllegalStateException("unexpected reply to SUBSCRIBE " + CHANNEL + ": " + reply);
      }
      n.setTimeoutInfinite();
      tracker = new UnifiedJedis(opener.get());
    } catch (RuntimeException e) {
      reset();
      throw e;
    }
    broken = false;
    Thread t = new Thread(() -> listen(n), "kombu-redis-push-" + name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private static @Nullable String text(@Nullable Object o) {
    return o instanceof byte[] ? new String((byte[]) o, StandardCharsets.UTF_8) : null;
  }

  /** The notifier thread: every message on the channel is one signal; it ends when the connection does. */
  private void listen(Connection n) {
    try {
      while (!closed) {
        Object reply = n.getUnflushedObject();
        if (reply instanceof List && !((List<?>) reply).isEmpty() && "message".equals(text(((List<?>) reply).get(0)))) {
          synchronized (signal) {
            events++;
            signal.notifyAll();
          }
        }
      }
    } catch (RuntimeException e) {
      if (!closed) {
        log.debug("Redis push notification connection lost; reopened by the next poll", e);
      }
    } finally {
      synchronized (signal) {
        if (notifier == n) {
          broken = true;
        }
        signal.notifyAll();
      }
    }
  }

  /** @return the signal count, to pass to {@link #await} after the pop that follows */
  long events() {
    synchronized (signal) {
      return events;
    }
  }

  /**
   * Waits until a signal newer than {@code seen} arrives, the watch breaks, or {@code max} passes.
   *
   * @param seen the {@link #events()} read before the last pop
   * @param max the longest to wait
   * @return whether a signal arrived (false also when the watch broke: the next {@link #track} reopens it)
   */
  boolean await(long seen, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    synchronized (signal) {
      while (events == seen && !broken && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(signal, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return events != seen;
    }
  }

  /** @return whether a connection of the watch failed; the next {@link #track} reopens both */
  boolean isBroken() {
    return broken;
  }

  /** Marks the watch broken after its tracker failed a command; the next {@link #track} reopens it. */
  void markBroken() {
    broken = true;
  }

  /** Closes both connections and stops the notifier thread. */
  private synchronized void reset() {
    tracked = null;
    UnifiedJedis t = tracker;
    tracker = null;
    if (t != null) {
      quietly(t::close);
    }
    Connection n = notifier;
    notifier = null;
    if (n != null) {
      // Closing the socket ends the notifier's blocking read; Redis drops the subscription and the tracking with it.
      quietly(n::close);
    }
    Thread th = thread;
    thread = null;
    if (th != null && th != Thread.currentThread()) {
      try {
        th.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.debug("closing a push-notification connection failed", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    reset();
  }
}
