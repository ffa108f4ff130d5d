package io.kombu.core.virtual.internal;

import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.FairCycle;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.PolledMessage;
import io.kombu.core.virtual.VirtualTransport;
import io.kombu.spi.TransportChannel;
import io.kombu.spi.TransportConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's virtual {@code Transport} as one connection: channel ids, the fair cycle over channels and {@code
 * drain_events}, which delivers at most one message per call on the caller's thread.
 *
 * <p>Thread-safety: used by one thread at a time; {@link #close()} may come from any thread.
 */
public final class VirtualConnection implements TransportConnection {
  private static final Logger log = LoggerFactory.getLogger(VirtualConnection.class);
  /** Longest single wait in a blocking store, so that a close from another thread is noticed. */
  private static final Duration MAX_BLOCK = Duration.ofSeconds(1);

  private final VirtualTransport transport;
  private final MessageStore store;
  private final Clock clock;
  private final BitSet channelIds = new BitSet();
  private final List<VirtualChannel> channels = new ArrayList<>();
  private @Nullable FairCycle<VirtualChannel> cycle;
  private volatile boolean open = true;

  /**
   * @param transport the transport that opened it
   * @param store the store this connection uses
   */
  public VirtualConnection(VirtualTransport transport, MessageStore store) {
    this.transport = transport;
    this.store = store;
    this.clock = transport.clock();
  }

  VirtualTransport transport() {
    return transport;
  }

  MessageStore store() {
    return store;
  }

  @Override
  public synchronized TransportChannel openChannel() {
    ensureOpen();
    int id = channelIds.nextClearBit(1);
    if (id > transport.channelMax()) {
      throw new ChannelException(506, "No free channel ids, current=" + channelIds.cardinality() + ", channel_max="
          + transport.channelMax() + "; close channels you no longer use", null);
    }
    channelIds.set(id);
    VirtualChannel channel = new VirtualChannel(this, id);
    channels.add(channel);
    cycle = null;
    return channel;
  }

  synchronized void release(VirtualChannel channel) {
    if (channels.remove(channel)) {
      channelIds.clear(channel.channelId());
      cycle = null;
    }
  }

  private synchronized FairCycle<VirtualChannel> channelCycle() {
    if (cycle == null) {
      cycle = new FairCycle<>(channels);
    }
    return cycle;
  }

  private synchronized @Nullable VirtualChannel firstOpenChannel() {
    for (VirtualChannel c : channels) {
      if (c.isOpen()) {
        return c;
      }
    }
    return null;
  }

  @Override
  public void drainEvents(@Nullable Duration timeout) {
    ensureOpen();
    long start = clock.millis();
    Duration interval = transport.pollingInterval();
    if (timeout != null && !timeout.isZero() && interval != null && !interval.isZero()
        && interval.compareTo(timeout) > 0) {
      interval = timeout;
    }
    while (true) {
      ensureOpen();
      if (channelCycle().next(c -> c.drainOne() ? Boolean.TRUE : null) != null) {
        return;
      }
      Duration remaining = null;
      if (timeout != null) {
        remaining = timeout.minusMillis(clock.millis() - start);
        if (remaining.isNegative() || remaining.isZero()) {
          throw new KombuTimeoutException("no message arrived within " + timeout
              + " (drainEvents timed out); call drainEvents again or pass a longer timeout");
        }
      }
      if (store.supportsBlockingPoll()) {
        List<String> queues = consumableQueues();
        if (!queues.isEmpty()) {
          Duration wait = remaining == null || remaining.compareTo(MAX_BLOCK) > 0 ? MAX_BLOCK : remaining;
          PolledMessage polled = store.poll(queues, wait, this::ackRequired, this::room);
          if (polled != null) {
            deliver(polled.queue(), polled.envelope());
            return;
          }
          continue;
        }
      }
      if (interval != null && !interval.isZero()) {
        sleep(remaining != null && remaining.compareTo(interval) < 0 ? remaining : interval);
      }
    }
  }

  private List<String> consumableQueues() {
    Set<String> out = new LinkedHashSet<>();
    for (VirtualChannel c : channelCycle().order()) {
      out.addAll(c.consumableQueues());
    }
    return new ArrayList<>(out);
  }

  /** Mirrors {@link #deliver}: the first channel in fair order that consumes the queue decides. */
  private boolean ackRequired(String queue) {
    for (VirtualChannel c : channelCycle().order()) {
      if (c.consumes(queue)) {
        return c.ackRequired(queue);
      }
    }
    return false;
  }

  /** Mirrors {@link #deliver}: the prefetch room of the first channel in fair order that consumes the queue. */
  private int room(String queue) {
    for (VirtualChannel c : channelCycle().order()) {
      if (c.consumes(queue)) {
        return c.room();
      }
    }
    return 1;
  }

  /**
   * Kombu's {@code Transport._deliver}: hands a message taken from a queue to a channel consuming it, or requeues it
   * when nobody consumes the queue any more.
   *
   * @param queue the queue it was taken from
   * @param envelope the message
   */
  void deliver(String queue, Envelope envelope) {
    for (VirtualChannel c : channelCycle().order()) {
      if (c.consumes(queue)) {
        c.dispatch(queue, envelope);
        return;
      }
    }
    requeueUndeliverable(queue, envelope);
  }

  void requeueUndeliverable(String queue, Envelope envelope) {
    log.warn("Requeuing undeliverable message for queue {}: No consumers", queue);
    VirtualChannel first = firstOpenChannel();
    if (first != null) {
      first.recordAndRequeue(queue, envelope);
    } else {
      store.requeue(queue, envelope);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KombuException("interrupted while waiting for messages; the thread's interrupt flag is set", e);
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isBrokerReachable() {
    return open && store.isReachable();
  }

  @Override
  public void close() {
    List<VirtualChannel> toClose;
    synchronized (this) {
      if (!open) {
        log.debug("virtual connection already closed");
        return;
      }
      open = false;
      toClose = new ArrayList<>(channels);
    }
    for (VirtualChannel c : toClose) {
      c.close();
    }
    store.close();
  }

  private void ensureOpen() {
    if (!open) {
      throw new ConnectionException("connection to " + transport.url() + " is closed; reconnect");
    }
  }

  /** @return open channels, for the engine's tests */
  synchronized List<VirtualChannel> channels() {
    return List.copyOf(channels);
  }
}
