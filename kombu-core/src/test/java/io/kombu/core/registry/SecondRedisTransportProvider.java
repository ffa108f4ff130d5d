package io.kombu.core.registry;

/** Discovery test double serving redis. */
public final class SecondRedisTransportProvider extends TestTransportProvider {
  /** Creates it; cheap, as ServiceLoader requires. */
  public SecondRedisTransportProvider() {
    super("redis-fork", "redis");
  }
}
