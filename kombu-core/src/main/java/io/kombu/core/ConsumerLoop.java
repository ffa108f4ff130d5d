package io.kombu.core;

import io.kombu.Channel;
import io.kombu.ChannelException;
import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.DecodeErrorHandler;
import io.kombu.IrrecoverableChannelException;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.Producer;
import io.kombu.RetryListener;
import io.kombu.RetryPolicy;
import io.kombu.core.internal.messaging.KombuConnection;
import io.kombu.core.internal.messaging.Sleeper;
import io.kombu.spi.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-running consumer that survives broker restarts: the Java form of Kombu's {@code ConsumerMixin} and {@code
 * ConsumerProducerMixin}. Each round clones the connection, connects with retry forever, creates the consumers from the
 * factory on the default channel, and drains events in steps of the safety interval until {@link #stop()}. After a
 * connection or channel error (any channel error, as in Kombu, also a 404 or 406 that closed the channel) it logs
 * "Connection to broker lost..." and starts a new round; a token bucket (one token per second) keeps restarts from
 * spinning. A message that cannot be decoded never stops the loop: the default decode-error
 * handler logs it and acks it.
 *
 * <pre>{@code
 * ConsumerLoop worker = ConsumerLoop.builder(conn)
 *     .consumers(channel -> List.of(ConsumerOptions.builder(taskQueues)
 *         .handler((body, message) -> { process(body); message.ack(); }).build()))
 *     .build();
 * new Thread(worker::run).start();
 * ...
 * worker.stop();
 * }</pre>
 *
 * <p>{@link #producer()} gives ConsumerProducerMixin's producer: it publishes over a second connection (a clone, opened on
 * first use and closed when the round ends), so that publishing never blocks on the consuming connection.
 *
 * <p>{@link #health()} tells a health check whether the loop is consuming: connecting, consuming, waiting for an
 * unreachable broker that its transport retries by itself (Redis), or stopped, with the time of its last progress.
 *
 * <p>Thread-safety: {@link #run()} and {@link #producer()} belong to one thread; {@link #stop()}, {@link #isStopped()}
 * and {@link #health()} may be called from any thread.
 */
public final class ConsumerLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

  /** Kombu's default: how long each drain waits before checking for a stop request. */
  public static final Duration DEFAULT_SAFETY_INTERVAL = Duration.ofSeconds(1);

  /** Told when the consumers are ready (Kombu's {@code on_consume_ready}). */
  @FunctionalInterface
  public interface ConsumeReadyListener {
    /**
     * @param connection the connection of this round
     * @param channel the channel the consumers use
     * @param consumers the consumers
     */
    void onConsumeReady(Connection connection, Channel channel, List<Consumer> consumers);
  }

  /** Where a consumer loop is. */
  public enum State {
    /** {@link #run()} has not been called yet. */
    NOT_STARTED,
    /** Connecting, at the start or after a lost connection, retrying until the broker answers. */
    CONNECTING,
    /** The consumers are registered and the loop drains their deliveries. */
    CONSUMING,
    /**
     * The connection is open but its broker does not answer; the transport retries by itself and consuming resumes
     * when the broker is back (Redis behaves like this; AMQP connections fail and the loop reconnects instead).
     */
    BROKER_UNREACHABLE,
    /** The loop has returned. */
    STOPPED
  }

  /**
   * A snapshot of a loop's health.
   *
   * @param state where the loop is
   * @param lastProgress when a drain step last ended (a delivery handled, or an idle safety interval passed), or null
   *     before the first; with state CONSUMING, a value older than a few safety intervals means a handler is still
   *     running or the loop is stuck
   * @param restarts how many times the loop reconnected after losing its connection
   */
  public record Health(State state, @Nullable Instant lastProgress, int restarts) {
    /** @return whether the loop is consuming now */
    public boolean isConsuming() {
      return state == State.CONSUMING;
    }
  }

  private final Connection connection;
  private final BiFunction<ConsumerLoop, Channel, List<ConsumerOptions>> factory;
  private final Runnable onConnectionRevived;
  private final ConsumeReadyListener onConsumeReady;
  private final Runnable onIteration;
  private final Runnable onConsumeEnd;
  private final DecodeErrorHandler onDecodeError;
  private final RetryListener onConnectionError;
  private final Duration safetyInterval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final TokenBucket restartLimit;
  private volatile boolean shouldStop;
  private volatile State state = State.NOT_STARTED;
  /** Clock millis of the last drain step, or -1; kept as a long so the drain loop allocates nothing for it. */
  private volatile long lastProgressMillis = -1;
  private volatile int restarts;
  private @Nullable Connection producerConnection;
  private @Nullable Producer producer;

  private ConsumerLoop(Builder b) {
    this.connection = b.connection;
    this.factory = Objects.requireNonNull(b.factory, "consumers: give the loop a consumer factory");
    this.onConnectionRevived = b.onConnectionRevived;
    this.onConsumeReady = b.onConsumeReady;
    this.onIteration = b.onIteration;
    this.onConsumeEnd = b.onConsumeEnd;
    this.onDecodeError = b.onDecodeError;
    this.onConnectionError = b.onConnectionError;
    this.safetyInterval = b.safetyInterval;
    if (connection instanceof KombuConnection) {
      this.clock = ((KombuConnection) connection).settings().clock();
      this.sleeper = ((KombuConnection) connection).settings().sleeper();
    } else {
      this.clock = Clock.systemUTC();
      this.sleeper = Sleeper.SYSTEM;
    }
    this.restartLimit = new TokenBucket(clock, 1.0, 1);
  }

  /** @param connection the connection to clone for each round @return a builder */
  public static Builder builder(Connection connection) {
    return new Builder(connection);
  }

  /**
   * Runs until {@link #stop()}: consumes, and after a connection loss reconnects and consumes again.
   *
   * @throws KombuException for errors that are not connection or channel losses, e.g. from a message handler
   */
  public void run() {
    try {
      while (!shouldStop) {
        try {
          if (restartLimit.tryConsume()) {
            consume(null, null);
          } else {
            sleeper.sleep(restartLimit.expectedWait());
          }
        } catch (StopRequested e) {
          return;
        } catch (RuntimeException e) {
          if (shouldStop || !isConnectionLoss(e)) {
            if (shouldStop) {
              return;
            }
            throw e;
          }
          restarts++;
          state = State.CONNECTING;
          log.warn("Connection to broker lost, trying to re-establish connection...", e);
        }
      }
    } finally {
      state = State.STOPPED;
    }
  }

  /**
   * Consumes one round: at most {@code limit} deliveries, and throws when idle for {@code timeout}. Unlike {@link #run()} it
   * does not restart after a connection loss.
   *
   * @param limit stop after this many drain calls that delivered something, or null for no limit
   * @param timeout throw {@link KombuTimeoutException} after this long without a delivery, or null to wait forever
   */
  public void run(@Nullable Integer limit, @Nullable Duration timeout) {
    try {
      consume(limit, timeout);
    } catch (StopRequested e) {
      log.debug("Consumer loop stopped while connecting");
    } finally {
      state = State.STOPPED;
    }
  }

  private void consume(@Nullable Integer limit, @Nullable Duration timeout) {
    state = State.CONNECTING;
    try (Connection conn = connection.clone()) {
      conn.ensureConnection(RetryPolicy.CONNECTION_DEFAULTS, (error, interval) -> {
        if (shouldStop) {
          throw new StopRequested();
        }
        onConnectionError.onRetry(error, interval);
      });
      onConnectionRevived.run();
      log.debug("Consumer loop connected to {}", conn.asUri());
      Channel channel = conn.defaultChannel();
      List<Consumer> consumers = new ArrayList<>();
      try {
        for (ConsumerOptions options : factory.apply(this, channel)) {
          ConsumerOptions wired = options.onDecodeError() == null
              ? options.toBuilder().onDecodeError(onDecodeError).build() : options;
          consumers.add(channel.consumer(wired));
        }
        onConsumeReady.onConsumeReady(conn, channel, List.copyOf(consumers));
        state = State.CONSUMING;
        drain(conn, channel, limit, timeout);
      } finally {
        for (Consumer c : consumers) {
          try {
            c.close();
          } catch (RuntimeException e) {
            log.debug("Ignoring error while cancelling a consumer: {}", e.toString());
          }
        }
        log.debug("Consumers cancelled");
        closeProducer();
        onConsumeEnd.run();
      }
    }
  }

  private void drain(Connection conn, Channel channel, @Nullable Integer limit, @Nullable Duration timeout) {
    int delivered = 0;
    Duration idle = Duration.ZERO;
    while (!shouldStop && (limit == null || delivered < limit)) {
      onIteration.run();
      try {
        conn.drainEvents(safetyInterval);
        delivered++;
        idle = Duration.ZERO;
        progressed(conn);
      } catch (KombuTimeoutException e) {
        if (conn instanceof KombuConnection) {
          ((KombuConnection) conn).heartbeatCheck();
        }
        progressed(conn);
        if (!channel.isOpen()) {
          // Whatever closed it, its consumers are gone: waiting on would never deliver again, a new round does.
          throw new ChannelException("the consumers' channel " + channel.channelId() + " was closed; starting over");
        }
        idle = idle.plus(safetyInterval);
        if (timeout != null && !timeout.isZero() && idle.compareTo(timeout) >= 0) {
          throw e;
        }
      } catch (RuntimeException e) {
        if (!shouldStop) {
          throw e;
        }
      }
    }
  }

  private void progressed(Connection conn) {
    lastProgressMillis = clock.millis();
    boolean reachable = !(conn instanceof KombuConnection) || ((KombuConnection) conn).isBrokerReachable();
    state = reachable ? State.CONSUMING : State.BROKER_UNREACHABLE;
  }

  /** @return where the loop is now; safe from any thread (e.g. a health endpoint) */
  public Health health() {
    long millis = lastProgressMillis;
    return new Health(state, millis < 0 ? null : Instant.ofEpochMilli(millis), restarts);
  }

  /**
   * Kombu's ConsumerMixin starts over on any of the transport's {@code connection_errors + channel_errors}; its channel
   * errors include the irrecoverable ones (404, 406: a broker that closed the consumer's channel), which retrying on
   * the same channel would not fix but a new round on a new channel may.
   */
  private boolean isConnectionLoss(RuntimeException e) {
    return ErrorKind.of(e) != ErrorKind.FATAL || e instanceof IrrecoverableChannelException;
  }

  /**
   * ConsumerProducerMixin's producer: publishes over a second connection, cloned from the loop's and opened on first use;
   * it is closed when the round ends.
   *
   * @return the producer
   */
  public Producer producer() {
    Producer p = producer;
    if (p == null) {
      Connection c = connection.clone();
      producerConnection = c;
      p = c.producer();
      producer = p;
    }
    return p;
  }

  private void closeProducer() {
    Connection c = producerConnection;
    producer = null;
    producerConnection = null;
    if (c != null) {
      c.close();
    }
  }

  /** Asks the loop to stop; it returns within about one safety interval. Safe from any thread. */
  public void stop() {
    shouldStop = true;
  }

  /** @return whether {@link #stop()} was called */
  public boolean isStopped() {
    return shouldStop;
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Thrown inside the connect retry to end it when a stop was requested. */
  private static final class StopRequested extends KombuException {
    private static final long serialVersionUID = 1L;

    StopRequested() {
      super("The consumer loop was asked to stop");
    }
  }

  /** Kombu's {@code TokenBucket(fill_rate, capacity)}, full at the start. Not thread-safe. */
  private static final class TokenBucket {
    private final Clock clock;
    private final double fillRatePerSecond;
    private final double capacity;
    private double tokens;
    private long lastMillis;

    TokenBucket(Clock clock, double fillRatePerSecond, int capacity) {
      this.clock = clock;
      this.fillRatePerSecond = fillRatePerSecond;
      this.capacity = capacity;
      this.tokens = capacity;
      this.lastMillis = clock.millis();
    }

    boolean tryConsume() {
      refill();
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    Duration expectedWait() {
      refill();
      double missing = Math.max(0, 1 - tokens);
      return Duration.ofMillis((long) Math.ceil(missing / fillRatePerSecond * 1000));
    }

    private void refill() {
      long now = clock.millis();
      tokens = Math.min(capacity, tokens + (now - lastMillis) / 1000.0 * fillRatePerSecond);
      lastMillis = now;
    }
  }

  /** Builds a {@link ConsumerLoop}. Not thread-safe. */
  public static final class Builder {
    private final Connection connection;
    private @Nullable BiFunction<ConsumerLoop, Channel, List<ConsumerOptions>> factory;
    private Runnable onConnectionRevived = () -> {};
    private ConsumeReadyListener onConsumeReady = (conn, channel, consumers) -> {};
    private Runnable onIteration = () -> {};
    private Runnable onConsumeEnd = () -> {};
    private DecodeErrorHandler onDecodeError = (message, error) -> {
      log.error("Can't decode message body: {} (type:{} encoding:{})", error.toString(), message.contentType(),
          message.contentEncoding());
      message.ack();
    };
    private RetryListener onConnectionError = (error, interval) -> log.warn(
        "Broker connection error, trying again in {} seconds: {}.", interval.toMillis() / 1000.0, error.toString());
    private Duration safetyInterval = DEFAULT_SAFETY_INTERVAL;

    private Builder(Connection connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** @param factory makes the consumers' options for a channel (Kombu's {@code get_consumers}) @return this */
    public Builder consumers(Function<Channel, List<ConsumerOptions>> factory) {
      Objects.requireNonNull(factory, "factory");
      this.factory = (loop, channel) -> factory.apply(channel);
      return this;
    }

    /**
     * @param factory makes the consumers' options, given the loop (for its {@link ConsumerLoop#producer()}) and the channel
     * @return this
     */
    public Builder consumersWithLoop(BiFunction<ConsumerLoop, Channel, List<ConsumerOptions>> factory) {
      this.factory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** @param hook runs after each (re)connect @return this */
    public Builder onConnectionRevived(Runnable hook) {
      this.onConnectionRevived = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** @param hook runs when the consumers are consuming @return this */
    public Builder onConsumeReady(ConsumeReadyListener hook) {
      this.onConsumeReady = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** @param hook runs before each drain @return this */
    public Builder onIteration(Runnable hook) {
      this.onIteration = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** @param hook runs when a round ends and its consumers are cancelled @return this */
    public Builder onConsumeEnd(Runnable hook) {
      this.onConsumeEnd = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /** @param handler for consumers without their own (default: log at ERROR and ack) @return this */
    public Builder onDecodeError(DecodeErrorHandler handler) {
      this.onDecodeError = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** @param listener told of each failed connect attempt (default: log at WARN) @return this */
    public Builder onConnectionError(RetryListener listener) {
      this.onConnectionError = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** @param interval how long each drain waits (default 1 s) @return this */
    public Builder safetyInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("safetyInterval must be positive, was " + interval);
      }
      this.safetyInterval = interval;
      return this;
    }

    /** @return the loop */
    public ConsumerLoop build() {
      return new ConsumerLoop(this);
    }
  }
}
