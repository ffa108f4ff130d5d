package io.kombu.core.virtual;

import io.kombu.TransportOptions;
import io.kombu.core.virtual.internal.VirtualConnection;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Base of every virtual transport (Kombu's {@code kombu.transport.virtual.Transport}): implements {@link Transport},
 * {@link io.kombu.spi.TransportConnection} and {@link io.kombu.spi.TransportChannel} once, with Kombu's routing, delivery
 * tags, prefetch, acknowledgement and restore semantics, on top of a {@link MessageStore}. A subclass supplies the store
 * ({@link #openStore()}) and its {@link #capabilities()}; it may share a {@link BrokerState} between connections.
 *
 * <p>Transport options read here (Kombu's names): {@code polling_interval} (seconds, default 1.0; the sleep after an
 * empty poll, skipped when the store can block), {@code body_encoding} (default {@code base64}), {@code
 * deadletter_queue} (unroutable messages go there, with a WARN, instead of being dropped) and {@code channel_max}
 * (default 65535).
 *
 * <p>Deliberate deviations from Kombu, all in favour of AMQP semantics and at-least-once delivery: a requeued or
 * restored message goes back to the queue it was taken from instead of being re-routed (Kombu copies it into every
 * queue bound with the same key); {@code queueDelete} deletes the queue even when this connection knows none of its
 * bindings; restored messages keep their compressed body and {@code compression} header (Kombu stores them
 * decompressed, which decodes to the same value); the {@code headers} exchange type is routed.
 *
 * <p>Thread-safety: thread-safe; each connection it opens is used by one thread at a time.
 */
public abstract class VirtualTransport implements Transport {
  /** Kombu's default {@code polling_interval}. */
  public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(1);
  /** AMQP's largest channel number, Kombu's default {@code channel_max}. */
  public static final int DEFAULT_CHANNEL_MAX = 65535;

  private final BrokerUrl url;
  private final TransportOptions options;
  private final Clock clock;
  private final BrokerState state;
  private final @Nullable Duration pollingInterval;
  private final @Nullable String bodyEncoding;
  private final @Nullable String deadLetterQueue;
  private final int channelMax;
  private final List<VirtualConnection> connections = new ArrayList<>();
  private boolean closed;

  /**
   * @param url the broker URL (its virtual host names the vhost in error texts)
   * @param options transport options
   * @param clock time source for timeouts
   * @param state broker metadata: a new instance per transport (Kombu), or one shared instance (memory)
   * @throws io.kombu.ConfigurationException when an option has a bad value
   */
  protected VirtualTransport(BrokerUrl url, TransportOptions options, Clock clock, BrokerState state) {
    this.url = Objects.requireNonNull(url, "url");
    this.options = Objects.requireNonNull(options, "options");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.state = Objects.requireNonNull(state, "state");
    this.pollingInterval = options.getDuration("polling_interval", defaultPollingInterval());
    Object encoding = options.has("body_encoding") ? options.get("body_encoding") : Envelope.DEFAULT_BODY_ENCODING;
    this.bodyEncoding = encoding == null ? null : encoding.toString();
    Envelope.checkBodyEncoding(bodyEncoding);
    this.deadLetterQueue = options.getString("deadletter_queue").filter(s -> !s.isEmpty()).orElse(null);
    this.channelMax = options.getInt("channel_max", DEFAULT_CHANNEL_MAX);
    if (channelMax < 1 || channelMax > DEFAULT_CHANNEL_MAX) {
      throw new io.kombu.ConfigurationException(
          "transport option channel_max must be between 1 and 65535, was " + channelMax);
    }
  }

  /**
   * @param url the broker URL
   * @param options transport options
   * @param clock time source for timeouts
   */
  protected VirtualTransport(BrokerUrl url, TransportOptions options, Clock clock) {
    this(url, options, clock, new BrokerState());
  }

  /**
   * Opens the store one connection uses (Kombu's per-channel client; memory returns its shared store). Called by
   * {@link #connect()}; a failure to reach the backend should be a {@link io.kombu.ConnectionException}.
   *
   * @return the store
   */
  protected abstract MessageStore openStore();

  /** @return the {@code polling_interval} used when the option is absent: 1 s, or null for no sleep */
  protected @Nullable Duration defaultPollingInterval() {
    return DEFAULT_POLLING_INTERVAL;
  }

  @Override
  public final TransportConnection connect() {
    synchronized (connections) {
      if (closed) {
        throw new IllegalStateException("transport for " + url + " is closed; create a new one");
      }
    }
    VirtualConnection c = new VirtualConnection(this, openStore());
    synchronized (connections) {
      connections.add(c);
      connections.removeIf(x -> !x.isOpen());
    }
    return c;
  }

  /** Closes every connection it opened. Closing twice does nothing. */
  @Override
  public void close() {
    List<VirtualConnection> open;
    synchronized (connections) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(connections);
      connections.clear();
    }
    for (VirtualConnection c : open) {
      c.close();
    }
  }

  /** @return the broker URL */
  public final BrokerUrl url() {
    return url;
  }

  /** @return the transport options */
  public final TransportOptions options() {
    return options;
  }

  /** @return the time source */
  public final Clock clock() {
    return clock;
  }

  /** @return the broker metadata */
  public final BrokerState state() {
    return state;
  }

  /** @return the sleep after an empty poll, or null for none */
  public final @Nullable Duration pollingInterval() {
    return pollingInterval;
  }

  /** @return the body encoding written into new envelopes, or null for none */
  public final @Nullable String bodyEncoding() {
    return bodyEncoding;
  }

  /** @return the dead-letter queue for unroutable messages, or null */
  public final @Nullable String deadLetterQueue() {
    return deadLetterQueue;
  }

  /** @return the highest channel id */
  public final int channelMax() {
    return channelMax;
  }

  /** @return the virtual host for error texts, {@code /} when the URL has none */
  public final String virtualHost() {
    String v = url.virtualHost();
    return v == null || v.isEmpty() ? "/" : v;
  }
}
