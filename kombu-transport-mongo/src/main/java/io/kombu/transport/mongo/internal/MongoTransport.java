package io.kombu.transport.mongo.internal;

import io.kombu.TransportOptions;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.VirtualTransport;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportCapabilities;
import java.time.Clock;

/**
 * One Kombu connection to MongoDB: the virtual engine over a {@link MongoStore}. Each {@link #connect()} opens its own
 * driver client and checks the server eagerly, as Kombu's MongoDB channel does.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class MongoTransport extends VirtualTransport {
  private final MongoSettings settings;
  private final TransportCapabilities capabilities;

  /**
   * @param url the URL
   * @param options transport options
   * @param clock time source (timeouts, expiry dates)
   * @param capabilities what it claims
   * @throws io.kombu.ConfigurationException when an option has a bad value
   */
  public MongoTransport(BrokerUrl url, TransportOptions options, Clock clock, TransportCapabilities capabilities) {
    super(url, options, clock);
    this.settings = MongoSettings.of(url, options);
    this.capabilities = capabilities;
  }

  @Override
  protected MessageStore openStore() {
    return MongoStore.open(settings, url().password(), clock());
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  /** @return the settings */
  public MongoSettings settings() {
    return settings;
  }
}
