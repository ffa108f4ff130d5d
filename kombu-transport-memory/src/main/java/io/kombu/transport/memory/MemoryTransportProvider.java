package io.kombu.transport.memory;

import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.transport.memory.internal.MemoryTransport;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code memory://} transport (Kombu's {@code memory}): an in-process broker shared by every memory connection in
 * the JVM, for tests and single-process applications. Host, port and credentials in the URL are ignored. Messages do not
 * survive the process.
 *
 * <p>Routes direct, topic, fanout and headers exchanges; serves higher priorities first; consumers wake as soon as a
 * message arrives (the {@code polling_interval} option is not needed). Unlike Kombu's memory transport, unacknowledged
 * messages go back to the front of their queue when their channel closes. See the module README for options and the
 * other deviations.
 *
 * <p>Thread-safety: thread-safe; the shared broker is thread-safe.
 */
public final class MemoryTransportProvider implements TransportProvider {
  private static final TransportCapabilities CAPABILITIES = TransportCapabilities.builder()
      .exchangeTypes(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT, ExchangeType.HEADERS)
      .priority(true)
      .persistent(false)
      .build();

  /** Used by ServiceLoader; cheap. */
  public MemoryTransportProvider() {}

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public TransportCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Transport create(BrokerUrl url, TransportOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    return MemoryTransport.shared(url, options, Clock.systemUTC(), CAPABILITIES);
  }

  @Override
  public String toString() {
    return "MemoryTransportProvider";
  }
}
