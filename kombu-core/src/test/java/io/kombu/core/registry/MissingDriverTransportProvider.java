package io.kombu.core.registry;

/** A provider whose driver library is absent: touching it raises a LinkageError. */
public final class MissingDriverTransportProvider extends TestTransportProvider {
  /** Always throws NoClassDefFoundError, as a provider referencing a missing Jedis class would. */
  public MissingDriverTransportProvider() {
    super("redis", "redis");
    throw new NoClassDefFoundError("redis/clients/jedis/Jedis");
  }
}
