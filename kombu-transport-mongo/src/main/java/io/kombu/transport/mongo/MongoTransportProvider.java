package io.kombu.transport.mongo;

import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import io.kombu.transport.mongo.internal.MongoTransport;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code mongodb://} and {@code mongodb+srv://} transport (Kombu's {@code mongodb}): MongoDB as a broker, with the
 * collections and documents Python Kombu's MongoDB transport uses, so Java and Python producers and consumers can share
 * queues.
 *
 * <p>URL: {@code mongodb://[user[:password]@]host[:port][,host2[:port2]...][/database][?options]}. The database
 * defaults to {@code kombu_default}; query options (replica set, auth source, TLS, timeouts, ...) go to the MongoDB
 * Java driver unchanged. Routes direct, topic and fanout exchanges (fanout needs a capped collection, which real
 * MongoDB servers have); serves higher priorities first. See the module README for the transport options.
 *
 * <p>Thread-safety: thread-safe; construction touches no driver class.
 */
public final class MongoTransportProvider implements TransportProvider {
  private static final TransportCapabilities CAPABILITIES = TransportCapabilities.builder()
      .exchangeTypes(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT)
      .priority(true)
      .persistent(true)
      .build();

  /** Used by ServiceLoader; cheap. */
  public MongoTransportProvider() {}

  @Override
  public String name() {
    return "mongo";
  }

  @Override
  public Set<String> schemes() {
    return Set.of("mongodb", "mongodb+srv");
  }

  @Override
  public TransportCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Transport create(BrokerUrl url, TransportOptions options) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(options, "options");
    return new MongoTransport(url, options, Clock.systemUTC(), CAPABILITIES);
  }

  @Override
  public String toString() {
    return "MongoTransportProvider";
  }
}
