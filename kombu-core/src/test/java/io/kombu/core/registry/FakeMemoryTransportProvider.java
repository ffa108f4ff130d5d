package io.kombu.core.registry;

/** Discovery test double serving memory. */
public final class FakeMemoryTransportProvider extends TestTransportProvider {
  /** Creates it; cheap, as ServiceLoader requires. */
  public FakeMemoryTransportProvider() {
    super("memory", "memory");
  }
}
