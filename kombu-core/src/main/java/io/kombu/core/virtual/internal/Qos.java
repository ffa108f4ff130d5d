package io.kombu.core.virtual.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's virtual {@code QoS}: the channel's unacknowledged messages in delivery order, the tags settled but not yet
 * removed ("dirty"), and the prefetch limit (only {@code prefetch_count} is honoured).
 *
 * <p>Thread-safety: not thread-safe; the owning channel synchronises.
 */
public final class Qos {
  private final Map<Long, Unacked> delivered = new LinkedHashMap<>();
  private final Set<Long> dirty = new HashSet<>();
  private int prefetchCount;
  private boolean restored;

  /** @param prefetchCount 0 for no limit */
  public void prefetchCount(int prefetchCount) {
    if (prefetchCount < 0) {
      throw new IllegalArgumentException("prefetch count must not be negative, was " + prefetchCount);
    }
    this.prefetchCount = prefetchCount;
  }

  /** @return the prefetch limit, 0 for none */
  public int prefetchCount() {
    return prefetchCount;
  }

  /** @return whether one more message may be delivered */
  public boolean canConsume() {
    return prefetchCount == 0 || delivered.size() - dirty.size() < prefetchCount;
  }

  /** @return how many more may be delivered, or null without a limit */
  public @Nullable Integer canConsumeMaxEstimate() {
    return prefetchCount == 0 ? null : Math.max(prefetchCount - (delivered.size() - dirty.size()), 0);
  }

  /** @param tag delivery tag @param message the delivered message */
  public void append(long tag, Unacked message) {
    flush();
    delivered.put(tag, message);
  }

  /** @param tag delivery tag @return the unsettled message, or null when unknown or already settled */
  public @Nullable Unacked get(long tag) {
    return dirty.contains(tag) ? null : delivered.get(tag);
  }

  /** @param tag a delivery tag that was settled (acked or rejected) */
  public void settled(long tag) {
    if (delivered.containsKey(tag)) {
      dirty.add(tag);
    }
  }

  /** @return unsettled messages */
  public int unackedCount() {
    return delivered.size() - dirty.size();
  }

  /**
   * Removes every unsettled message, newest first (Kombu restores in LIFO order).
   *
   * @return tag and message pairs, newest first
   */
  public List<Map.Entry<Long, Unacked>> takeAllNewestFirst() {
    flush();
    List<Map.Entry<Long, Unacked>> out = new ArrayList<>(delivered.entrySet().size());
    for (Map.Entry<Long, Unacked> e : delivered.entrySet()) {
      out.add(Map.entry(e.getKey(), e.getValue()));
    }
    delivered.clear();
    java.util.Collections.reverse(out);
    return out;
  }

  /** @param tag tag @param message message to keep as unsettled (a restore failed) */
  public void putBack(long tag, Unacked message) {
    delivered.put(tag, message);
  }

  /** @return true the first time only: guards Kombu's {@code restore_unacked_once} */
  public boolean markRestored() {
    if (restored) {
      return false;
    }
    restored = true;
    return true;
  }

  private void flush() {
    if (!dirty.isEmpty()) {
      delivered.keySet().removeAll(dirty);
      dirty.clear();
    }
  }
}
