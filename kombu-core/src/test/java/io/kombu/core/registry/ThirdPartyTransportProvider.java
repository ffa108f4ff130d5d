package io.kombu.core.registry;

/** Discovery test double serving kafka. */
public final class ThirdPartyTransportProvider extends TestTransportProvider {
  /** Creates it; cheap, as ServiceLoader requires. */
  public ThirdPartyTransportProvider() {
    super("kafka", "kafka");
  }
}
