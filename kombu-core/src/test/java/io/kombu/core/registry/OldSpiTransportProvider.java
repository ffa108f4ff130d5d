package io.kombu.core.registry;

/** A provider built for an older SPI version. */
public final class OldSpiTransportProvider extends TestTransportProvider {
  /** Creates it. */
  public OldSpiTransportProvider() {
    super("old", "old");
  }

  @Override
  public int spiVersion() {
    return 0;
  }
}
