package io.kombu.core.virtual.internal;

import io.kombu.TransportOptions;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.VirtualTransport;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportCapabilities;
import java.time.Clock;

/** A virtual transport over one {@link ListStore}, for the engine's tests. */
final class TestTransport extends VirtualTransport {
  final ListStore store;

  TestTransport(ListStore store, TransportOptions options) {
    super(BrokerUrl.builder("test").build(), options, Clock.systemUTC());
    this.store = store;
  }

  @Override
  protected MessageStore openStore() {
    return store;
  }

  @Override
  public TransportCapabilities capabilities() {
    return TransportCapabilities.builder().build();
  }
}
