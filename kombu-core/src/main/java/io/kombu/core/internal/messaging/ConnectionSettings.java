package io.kombu.core.internal.messaging;

import io.kombu.TransportOptions;
import io.kombu.core.CompressorRegistry;
import io.kombu.core.FailoverStrategy;
import io.kombu.core.SerializerRegistry;
import io.kombu.core.TransportRegistry;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportProvider;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link KombuConnection} is built from; clones share it.
 *
 * <p>Thread-safety: immutable apart from the shared {@link Random}, which is thread-safe.
 *
 * @param urls the primary URL first, then the failover alternates
 * @param failoverStrategy how the next alternate is chosen
 * @param transportOptions options handed to the transport
 * @param explicitProvider a provider chosen by the user (skips discovery), or null
 * @param transportRegistry registry used to find the provider when none was given
 * @param serializers serializer registry
 * @param compressors compressor registry
 * @param clock time source for retry timeouts and consumer loops
 * @param sleeper waits between retries
 * @param random picks alternates for the shuffle strategy
 */
public record ConnectionSettings(
    List<BrokerUrl> urls,
    FailoverStrategy failoverStrategy,
    TransportOptions transportOptions,
    @Nullable TransportProvider explicitProvider,
    TransportRegistry transportRegistry,
    SerializerRegistry serializers,
    CompressorRegistry compressors,
    Clock clock,
    Sleeper sleeper,
    Random random) {
  /** Checks and copies. */
  public ConnectionSettings {
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one broker URL is required");
    }
    Objects.requireNonNull(failoverStrategy, "failoverStrategy");
    Objects.requireNonNull(transportOptions, "transportOptions");
    Objects.requireNonNull(transportRegistry, "transportRegistry");
    Objects.requireNonNull(serializers, "serializers");
    Objects.requireNonNull(compressors, "compressors");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(random, "random");
  }

  /** @param sleeper the replacement @return a copy that waits with this sleeper */
  public ConnectionSettings withSleeper(Sleeper sleeper) {
    return new ConnectionSettings(urls, failoverStrategy, transportOptions, explicitProvider, transportRegistry, serializers,
        compressors, clock, sleeper, random);
  }
}
