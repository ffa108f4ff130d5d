package io.kombu.core.registry;

/** Discovery test double serving redis, rediss. */
public final class FakeRedisTransportProvider extends TestTransportProvider {
  /** Creates it; cheap, as ServiceLoader requires. */
  public FakeRedisTransportProvider() {
    super("redis", "redis", "rediss");
  }
}
