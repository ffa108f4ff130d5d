package io.kombu.core.internal.messaging;

import io.kombu.Channel;
import io.kombu.ChannelOperation;
import io.kombu.Connection;
import io.kombu.Consumer;
import io.kombu.ConsumerOptions;
import io.kombu.Exchange;
import io.kombu.ExchangeType;
import io.kombu.KombuException;
import io.kombu.MessageHandler;
import io.kombu.OperationalException;
import io.kombu.Producer;
import io.kombu.ProducerOptions;
import io.kombu.Queue;
import io.kombu.RetryListener;
import io.kombu.RetryPolicy;
import io.kombu.SimpleQueue;
import io.kombu.SimpleQueueOptions;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.core.FailoverStrategy;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.ErrorKind;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportConnection;
import io.kombu.spi.TransportProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's {@code Connection}: lazy connect (two attempts), {@code ensure_connection} with {@code retry_over_time}, failover
 * across alternates, {@code ensure}, the declaration cache, a default channel and the channels it opened.
 *
 * <p>Thread-safety: not thread-safe, except {@link #close()}, which may be called from any thread.
 */
public final class KombuConnection implements Connection {
  private static final Logger log = LoggerFactory.getLogger(KombuConnection.class);

  private final ConnectionSettings settings;
  private final RetryLoop retryLoop;
  private final Set<String> declared = ConcurrentHashMap.newKeySet();
  private final Set<KombuChannel> channels = ConcurrentHashMap.newKeySet();
  private final Object lifecycle = new Object();
  private int currentIndex;
  private @Nullable BrokerUrl currentUrl;
  private @Nullable TransportProvider provider;
  private @Nullable Transport transport;
  private volatile @Nullable TransportConnection transportConnection;
  private @Nullable KombuChannel defaultChannel;

  /** @param settings URLs, registries, clock and sleeper */
  public KombuConnection(ConnectionSettings settings) {
    this(settings, 0);
  }

  private KombuConnection(ConnectionSettings settings, int startIndex) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.retryLoop = new RetryLoop(settings.clock(), settings.sleeper());
    this.currentIndex = startIndex;
  }

  /** @return the settings this connection was built from */
  public ConnectionSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- connecting

  @Override
  public Connection connect() {
    if (!isConnected()) {
      // Kombu's lazy connect: max_retries=1 and the transport's error unchanged.
      retryLoop.run(this::establish, this::isRecoverable, RetryPolicy.CONNECT_ONCE, failoverHandler(null));
    }
    return this;
  }

  @Override
  public Connection ensureConnection(RetryPolicy policy) {
    return ensureConnection(policy, null);
  }

  @Override
  public Connection ensureConnection(RetryPolicy policy, @Nullable RetryListener listener) {
    Objects.requireNonNull(policy, "policy");
    if (isConnected()) {
      return this;
    }
    try {
      retryLoop.run(this::establish, this::isRecoverable, policy, failoverHandler(listener));
    } catch (RuntimeException e) {
      throw asOperational(e);
    }
    return this;
  }

  private RetryLoop.ErrorHandler failoverHandler(@Nullable RetryListener listener) {
    return (error, intervals, retries) -> {
      Duration interval = completesCycle(retries) ? intervals.next() : Duration.ZERO;
      log.warn("Cannot connect to {}: {}. Trying again in {} ms", asUri(), error.getMessage(), interval.toMillis());
      try {
        if (listener != null) {
          listener.onRetry(asKombu(error), interval);
        }
      } finally {
        maybeSwitchNext();
      }
      return interval;
    };
  }

  private boolean completesCycle(int retries) {
    int n = settings.urls().size();
    return n <= 1 || (retries + 1) % n == 0;
  }

  private TransportConnection establish() {
    synchronized (lifecycle) {
      TransportConnection existing = transportConnection;
      if (existing != null && existing.isOpen()) {
        return existing;
      }
      Transport t = transport;
      if (t == null) {
        t = provider().create(currentUrl(), settings.transportOptions());
        transport = t;
      }
      TransportConnection opened = t.connect();
      declared.clear();
      transportConnection = opened;
      log.info("Connected to {}", asUri());
      return opened;
    }
  }

  /**
   * Kombu's {@code maybe_switch_next}: with alternates, drops the connection, clears the declaration cache and moves to the
   * next URL chosen by the failover strategy.
   */
  public void maybeSwitchNext() {
    int n = settings.urls().size();
    if (n <= 1) {
      return;
    }
    synchronized (lifecycle) {
      dropConnection();
      closeTransportQuietly();
      declared.clear();
      currentIndex = settings.failoverStrategy() == FailoverStrategy.SHUFFLE
          ? settings.random().nextInt(n)
          : (currentIndex + 1) % n;
      currentUrl = null;
      provider = null;
    }
    log.info("Switching to failover broker {}", asUri());
  }

  @Override
  public boolean isConnected() {
    TransportConnection c = transportConnection;
    return c != null && c.isOpen();
  }

  TransportConnection transportConnection() {
    connect();
    TransportConnection c = transportConnection;
    if (c == null) {
      throw new io.kombu.ConnectionException("Connection to " + asUri() + " was closed while in use; connect again");
    }
    return c;
  }

  // ---------------------------------------------------------------- channels

  @Override
  public KombuChannel channel() {
    KombuChannel channel = new KombuChannel(this, transportConnection().openChannel());
    channels.add(channel);
    return channel;
  }

  @Override
  public KombuChannel defaultChannel() {
    KombuChannel current = defaultChannel;
    if (current != null && current.isOpen() && isConnected()) {
      return current;
    }
    if (!isConnected()) {
      ensureConnection(defaultChannelPolicy());
    }
    KombuChannel created = channel();
    defaultChannel = created;
    return created;
  }

  private RetryPolicy defaultChannelPolicy() {
    TransportOptions o = settings.transportOptions();
    RetryPolicy.Builder b = RetryPolicy.builder();
    if (o.has("max_retries")) {
      b.maxRetries(o.getInt("max_retries", 0));
    }
    Duration start = o.getDuration("interval_start", null);
    if (start != null) {
      b.intervalStart(start);
    }
    Duration step = o.getDuration("interval_step", null);
    if (step != null) {
      b.intervalStep(step);
    }
    Duration max = o.getDuration("interval_max", null);
    if (max != null) {
      b.intervalMax(max);
    }
    return b.timeout(o.getDuration("connect_retries_timeout", currentUrl().connectTimeout())).build();
  }

  void forget(KombuChannel channel) {
    channels.remove(channel);
    if (defaultChannel == channel) {
      defaultChannel = null;
    }
  }

  Set<String> declarationCache() {
    return declared;
  }

  // ---------------------------------------------------------------- events and ensure

  @Override
  public void drainEvents(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    transportConnection().drainEvents(timeout);
  }

  /**
   * Drains without a time limit: waits until something arrives.
   */
  public void drainEventsForever() {
    transportConnection().drainEvents(null);
  }

  /** Kombu's {@code heartbeat_check}: lets protocols with heartbeats send or check them. */
  public void heartbeatCheck() {
    TransportConnection c = transportConnection;
    if (c != null) {
      c.heartbeatCheck();
    }
  }

  /** @return whether the transport connection is open and its broker answered last time (for consumer-loop health) */
  public boolean isBrokerReachable() {
    TransportConnection c = transportConnection;
    return c != null && c.isBrokerReachable();
  }

  @Override
  public <T> T ensure(ChannelOperation<T> operation, RetryPolicy policy) {
    return ensure(operation, policy, null, null);
  }

  /**
   * Kombu's {@code ensure}: runs the operation and, on recoverable errors, reconnects or reopens a channel and runs it again.
   *
   * @param operation the work
   * @param policy retry limits
   * @param first channel for the first attempt, or null for the default channel, connecting first under {@code policy}
   * @param onRevive told of the new channel after a reconnect (Kombu's {@code obj.revive}), and of the default channel
   *     when {@code first} was null, or null
   * @param <T> result type
   * @return the operation's result
   */
  public <T> T ensure(
      ChannelOperation<T> operation,
      RetryPolicy policy,
      @Nullable Channel first,
      java.util.function.@Nullable Consumer<Channel> onRevive) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(policy, "policy");
    Integer maxRetries = policy.maxRetries();
    boolean reconnected = false;
    Channel channel = first;
    if (channel == null) {
      channel = defaultChannelUnder(policy);
      if (onRevive != null) {
        onRevive.accept(channel);
      }
    }
    for (int retries = 0; ; retries++) {
      try {
        return operation.apply(channel);
      } catch (RuntimeException e) {
        ErrorKind kind = classify(e);
        if (kind == ErrorKind.FATAL) {
          throw e;
        }
        if (kind == ErrorKind.RECOVERABLE_CONNECTION) {
          // Transports that cannot tell recoverable errors apart (the virtual ones) get one reconnect per call.
          if (reconnected && !capabilities().nativeProtocol()) {
            throw asOperational(e);
          }
          if (maxRetries != null && retries >= maxRetries) {
            throw asOperational(e);
          }
          log.warn("Connection error while running an operation on {}: {}. Reconnecting", asUri(), e.getMessage());
          synchronized (lifecycle) {
            dropConnection();
          }
          maybeSwitchNext();
          Integer remaining = maxRetries == null ? null : Math.max(maxRetries - retries, 1);
          ensureConnection(policy.toBuilder().maxRetries(remaining).build());
          channel = defaultChannel();
          reconnected = true;
        } else {
          if (maxRetries != null && retries > maxRetries) {
            throw asOperational(e);
          }
          log.warn("Channel error while running an operation on {}: {}. Opening a new channel", asUri(), e.getMessage());
          closeQuietly(channel);
          channel = defaultChannelUnder(policy);
        }
        if (onRevive != null) {
          onRevive.accept(channel);
        }
      }
    }
  }

  /**
   * The default channel, connecting first under the caller's policy (its retries, timeout, intervals and alternates)
   * rather than the lazy connect's, so that a broker that was never reachable is retried as the caller asked.
   */
  private Channel defaultChannelUnder(RetryPolicy policy) {
    if (!isConnected()) {
      ensureConnection(policy);
    }
    return defaultChannel();
  }

  ErrorKind classify(Throwable error) {
    Transport t = transport;
    return t != null ? t.classify(error) : ErrorKind.of(error);
  }

  private boolean isRecoverable(RuntimeException error) {
    return classify(error) != ErrorKind.FATAL;
  }

  private static KombuException asKombu(RuntimeException e) {
    return e instanceof KombuException ? (KombuException) e : new io.kombu.UncategorizedKombuException(
        String.valueOf(e.getMessage()), e);
  }

  private RuntimeException asOperational(RuntimeException e) {
    if (e instanceof OperationalException || !isRecoverable(e)) {
      return e;
    }
    return new OperationalException(String.valueOf(e.getMessage()), e);
  }

  // ---------------------------------------------------------------- producers, consumers, simple queues

  @Override
  public Producer producer() {
    return producer(ProducerOptions.defaults());
  }

  @Override
  public Producer producer(Exchange exchange) {
    return producer(ProducerOptions.builder().exchange(exchange).build());
  }

  @Override
  public Producer producer(ProducerOptions options) {
    return new KombuProducer(this, null, options);
  }

  @Override
  public Consumer consumer(Queue queue, MessageHandler handler) {
    return consumer(ConsumerOptions.builder(queue).handler(handler).build());
  }

  @Override
  public Consumer consumer(ConsumerOptions options) {
    return defaultChannel().consumer(options);
  }

  @Override
  public SimpleQueue simpleQueue(String name) {
    return KombuSimpleQueue.queue(channel(), name, SimpleQueueOptions.DEFAULTS);
  }

  @Override
  public SimpleQueue simpleQueue(Queue queue, SimpleQueueOptions options) {
    return KombuSimpleQueue.forQueue(channel(), queue, options);
  }

  @Override
  public SimpleQueue simpleBuffer(String name) {
    return KombuSimpleQueue.buffer(channel(), name);
  }

  // ---------------------------------------------------------------- identity

  @Override
  public Connection clone() {
    return new KombuConnection(settings, currentIndex);
  }

  /**
   * @param overrides settings for the copy
   * @return a new, unconnected connection at the same broker with other settings (e.g. a test sleeper)
   */
  public KombuConnection cloneWith(ConnectionSettings overrides) {
    return new KombuConnection(overrides, currentIndex);
  }

  TransportProvider provider() {
    TransportProvider p = provider;
    if (p == null) {
      TransportProvider explicit = settings.explicitProvider();
      p = explicit != null ? explicit : settings.transportRegistry().forUrl(settings.urls().get(currentIndex));
      provider = p;
    }
    return p;
  }

  BrokerUrl currentUrl() {
    BrokerUrl u = currentUrl;
    if (u == null) {
      u = provider().applyDefaults(settings.urls().get(currentIndex));
      currentUrl = u;
    }
    return u;
  }

  @Override
  public boolean supportsExchangeType(ExchangeType type) {
    return capabilities().supports(type);
  }

  @Override
  public TransportCapabilities capabilities() {
    Transport t = transport;
    return t != null ? t.capabilities() : provider().capabilities();
  }

  @Override
  public String transportName() {
    return provider().name();
  }

  @Override
  public Map<String, Object> info() {
    BrokerUrl u = currentUrl();
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("hostname", u.hostname());
    info.put("userid", u.userid());
    info.put("password", u.password() == null ? null : "**");
    info.put("virtual_host", u.virtualHost() == null ? "/" : u.virtualHost());
    info.put("port", u.port());
    info.put("insist", false);
    info.put("ssl", u.ssl() && u.sslOptions().isEmpty() ? (Object) Boolean.TRUE
        : u.sslOptions().isEmpty() ? Boolean.FALSE : u.sslOptions());
    info.put("transport", u.uriPrefix() != null ? u.uriPrefix() : u.transport());
    info.put("connect_timeout", u.connectTimeout().toMillis() / 1000.0);
    info.put("transport_options", maskSecrets(settings.transportOptions().asMap()));
    info.put("login_method", u.loginMethod());
    info.put("uri_prefix", u.uriPrefix());
    info.put("heartbeat", u.heartbeat().toMillis() / 1000.0);
    info.put("failover_strategy", settings.failoverStrategy().kombuName());
    List<String> alternates = new ArrayList<>();
    if (settings.urls().size() > 1) {
      settings.urls().forEach(alt -> alternates.add(BrokerUrls.asUri(alt, false)));
    }
    info.put("alternates", Collections.unmodifiableList(alternates));
    info.put("credential_provider", null);
    return Collections.unmodifiableMap(info);
  }

  /** Words that make a transport option's name secret (matched case-insensitively, anywhere in the name). */
  private static final List<String> SECRET_OPTION_WORDS = List.of(
      "password", "secret", "token", "credential", "passphrase", "access_key", "secret_key", "auth");

  /**
   * A copy of the options for {@link #info()} with the value of every option whose name looks secret replaced by
   * {@code **}, in nested maps too (e.g. {@code sentinel_kwargs}): info() is made for printing and logging.
   */
  private static Map<String, Object> maskSecrets(Map<String, ?> options) {
    Map<String, Object> out = new LinkedHashMap<>();
    options.forEach((key, value) -> {
      if (isSecretOption(key)) {
        out.put(key, "**");
      } else if (value instanceof Map<?, ?> nested) {
        Map<String, Object> copy = new LinkedHashMap<>();
        nested.forEach((k, v) -> copy.put(String.valueOf(k), v));
        out.put(key, maskSecrets(copy));
      } else {
        out.put(key, value);
      }
    });
    return Collections.unmodifiableMap(out);
  }

  private static boolean isSecretOption(String key) {
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    return SECRET_OPTION_WORDS.stream().anyMatch(lower::contains);
  }

  @Override
  public String asUri() {
    return asUri(false);
  }

  @Override
  public String asUri(boolean includePassword) {
    return BrokerUrls.asUri(currentUrl(), includePassword);
  }

  // ---------------------------------------------------------------- closing

  @Override
  public void release() {
    close();
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      boolean wasOpen = transportConnection != null || transport != null;
      declared.clear();
      dropConnection();
      closeTransportQuietly();
      if (wasOpen) {
        log.info("Closed connection to {}", asUri());
      } else {
        log.debug("Connection to {} already closed", asUri());
      }
    }
  }

  /** Closes channels and the broker connection but keeps the transport, so that a reconnect can reuse it. */
  private void dropConnection() {
    for (KombuChannel c : new ArrayList<>(channels)) {
      closeQuietly(c);
    }
    channels.clear();
    defaultChannel = null;
    TransportConnection c = transportConnection;
    transportConnection = null;
    if (c != null) {
      try {
        c.close();
      } catch (RuntimeException e) {
        log.debug("Ignoring error while closing the connection to {}: {}", asUri(), e.toString());
      }
    }
  }

  private void closeTransportQuietly() {
    Transport t = transport;
    transport = null;
    if (t != null) {
      try {
        t.close();
      } catch (RuntimeException e) {
        log.debug("Ignoring error while closing the transport for {}: {}", asUri(), e.toString());
      }
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (RuntimeException e) {
      log.debug("Ignoring error while closing channel {}: {}", channel.channelId(), e.toString());
    }
  }

  @Override
  public String toString() {
    return "KombuConnection(" + asUri() + ", connected=" + isConnected() + ")";
  }
}
