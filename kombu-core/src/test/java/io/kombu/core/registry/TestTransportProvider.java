package io.kombu.core.registry;

import io.kombu.ConfigurationException;
import io.kombu.TransportOptions;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Transport;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import java.util.Set;

/** Base of the discovery test doubles: a name and schemes, and no ability to connect. */
abstract class TestTransportProvider implements TransportProvider {
  private final String name;
  private final Set<String> schemes;

  TestTransportProvider(String name, String... schemes) {
    this.name = name;
    this.schemes = Set.of(schemes);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> schemes() {
    return schemes;
  }

  @Override
  public TransportCapabilities capabilities() {
    return TransportCapabilities.builder().build();
  }

  @Override
  public Transport create(BrokerUrl url, TransportOptions options) {
    throw new ConfigurationException(getClass().getSimpleName() + " is a discovery test double and cannot connect");
  }
}
