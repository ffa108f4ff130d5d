package io.kombu.transport.memory.internal;

import io.kombu.TransportOptions;
import io.kombu.core.virtual.BrokerState;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.VirtualTransport;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportCapabilities;
import java.time.Clock;

/**
 * A memory transport: the virtual engine over a {@link MemoryStore} and a {@link BrokerState}, normally the JVM-wide
 * ones.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class MemoryTransport extends VirtualTransport {
  private static final MemoryStore SHARED_STORE = new MemoryStore();
  private static final BrokerState SHARED_STATE = new BrokerState();

  private final MemoryStore store;
  private final TransportCapabilities capabilities;

  /**
   * @param url URL
   * @param options options
   * @param clock clock
   * @param capabilities what it claims
   * @param store the queues
   * @param state exchanges and bindings
   */
  public MemoryTransport(
      BrokerUrl url,
      TransportOptions options,
      Clock clock,
      TransportCapabilities capabilities,
      MemoryStore store,
      BrokerState state) {
    super(url, options, clock, state);
    this.store = store;
    this.capabilities = capabilities;
  }

  /**
   * @param url URL
   * @param options options
   * @param clock clock
   * @param capabilities what it claims
   * @return a transport over the JVM-wide memory broker
   */
  public static MemoryTransport shared(
      BrokerUrl url, TransportOptions options, Clock clock, TransportCapabilities capabilities) {
    return new MemoryTransport(url, options, clock, capabilities, SHARED_STORE, SHARED_STATE);
  }

  @Override
  protected MessageStore openStore() {
    return store;
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }
}
