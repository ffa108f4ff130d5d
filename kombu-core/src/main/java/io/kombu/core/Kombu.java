package io.kombu.core;

import io.kombu.Connection;
import io.kombu.TransportOptions;
import io.kombu.core.internal.messaging.ConnectionSettings;
import io.kombu.core.internal.messaging.KombuConnection;
import io.kombu.core.internal.messaging.Sleeper;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportProvider;
import java.util.Random;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of Kombu-Java: makes {@link Connection}s. Connections are lazy: nothing touches the broker until first use.
 *
 * <p>Quick start, with {@code kombu-transport-memory} on the class path:
 *
 * <pre>{@code
 * try (Connection conn = Kombu.connect("memory://")) {
 *   SimpleQueue queue = conn.simpleQueue("tasks");
 *   queue.put(Map.of("hello", "world"));
 *   Message message = queue.get(Duration.ofSeconds(1));
 *   message.ack();
 * }
 * }</pre>
 *
 * <p>A URL may list failover alternates separated by {@code ;} (one transport for all), and may carry Kombu's query
 * options ({@code heartbeat}, {@code connect_timeout}, {@code failover_strategy}, {@code ssl_*}, ...). Without a URL the
 * builder uses Kombu's default, {@value #DEFAULT_URL}.
 *
 * <p>Thread-safety: the static methods are thread-safe; a {@link Builder} is not.
 */
public final class Kombu {
  /** Kombu's default broker: AMQP on localhost (the AMQP transport fills in guest/guest, port 5672 and vhost "/"). */
  public static final String DEFAULT_URL = "amqp://localhost";
  /** Kombu's default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private Kombu() {}

  /**
   * @param url broker URL, e.g. {@code memory://}, {@code redis://localhost:6379/0}, {@code amqp://guest:guest@host//}
   * @return a lazy connection
   */
  public static Connection connect(String url) {
    return builder().url(url).build();
  }

  /**
   * @param url broker URL
   * @param options transport options (Kombu's {@code transport_options})
   * @return a lazy connection
   */
  public static Connection connect(String url, TransportOptions options) {
    return builder().url(url).transportOptions(options).build();
  }

  /** @return a builder for a connection with more settings */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Connection}. Not thread-safe. */
  public static final class Builder {
    private String url = DEFAULT_URL;
    private final List<String> alternates = new ArrayList<>();
    private @Nullable FailoverStrategy failoverStrategy;
    private TransportOptions transportOptions = TransportOptions.defaults();
    private @Nullable TransportProvider transport;
    private @Nullable TransportRegistry transportRegistry;
    private @Nullable SerializerRegistry serializers;
    private @Nullable CompressorRegistry compressors;
    private @Nullable ClassLoader classLoader;
    private Clock clock = Clock.systemUTC();
    private @Nullable Duration connectTimeout;
    private @Nullable Duration heartbeat;

    private Builder() {}

    /** @param url broker URL, possibly with {@code ;}-separated alternates @return this */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** @param urls more failover URLs, tried after those of {@link #url} @return this */
    public Builder alternates(String... urls) {
      for (String u : urls) {
        alternates.add(Objects.requireNonNull(u, "alternate"));
      }
      return this;
    }

    /** @param strategy how the next alternate is chosen (default round-robin, or the URL's {@code failover_strategy}) @return this */
    public Builder failoverStrategy(FailoverStrategy strategy) {
      this.failoverStrategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /** @param options transport options @return this */
    public Builder transportOptions(TransportOptions options) {
      this.transportOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** @param provider the transport to use, skipping discovery @return this */
    public Builder transport(TransportProvider provider) {
      this.transport = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** @param registry where transports are looked up @return this */
    public Builder transportRegistry(TransportRegistry registry) {
      this.transportRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** @param registry serializers to use @return this */
    public Builder serializers(SerializerRegistry registry) {
      this.serializers = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** @param registry compressors to use @return this */
    public Builder compressors(CompressorRegistry registry) {
      this.compressors = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** @param loader class loader used to discover transports @return this */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /** @param clock time source for retry timeouts and consumer loops @return this */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** @param timeout connect timeout, overriding the URL's (default {@link #DEFAULT_CONNECT_TIMEOUT}) @return this */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** @param interval heartbeat interval, overriding the URL's ({@link Duration#ZERO} = off) @return this */
    public Builder heartbeat(Duration interval) {
      this.heartbeat = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * @return a lazy connection
     * @throws io.kombu.InvalidUrlException when a URL cannot be parsed
     */
    public Connection build() {
      List<BrokerUrl> urls = new ArrayList<>(BrokerUrls.parse(url));
      for (String alternate : alternates) {
        urls.addAll(BrokerUrls.parse(alternate));
      }
      FailoverStrategy strategy = failoverStrategy;
      if (strategy == null) {
        String fromUrl = urls.get(0).query().get("failover_strategy");
        strategy = fromUrl == null ? FailoverStrategy.ROUND_ROBIN : FailoverStrategy.of(fromUrl);
      }
      List<BrokerUrl> adjusted = new ArrayList<>(urls.size());
      for (BrokerUrl u : urls) {
        BrokerUrl.Builder b = u.toBuilder();
        if (connectTimeout != null) {
          b.connectTimeout(connectTimeout);
        }
        if (heartbeat != null) {
          b.heartbeat(heartbeat);
        }
        adjusted.add(b.build());
      }
      TransportRegistry registry = transportRegistry;
      if (registry == null) {
        registry = classLoader == null ? TransportRegistry.defaultRegistry()
            : TransportRegistry.builder().classLoader(classLoader).build();
      }
      ConnectionSettings settings = new ConnectionSettings(Collections.unmodifiableList(adjusted), strategy,
          transportOptions, transport, registry,
          serializers != null ? serializers
              : classLoader == null ? SerializerRegistry.defaultRegistry() : SerializerRegistry.load(classLoader),
          compressors != null ? compressors
              : classLoader == null ? CompressorRegistry.defaultRegistry() : CompressorRegistry.load(classLoader),
          clock, Sleeper.SYSTEM, new Random());
      return new KombuConnection(settings);
    }
  }
}
