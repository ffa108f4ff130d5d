package io.kombu.core.registry;

/** A provider whose constructor fails, as one with a broken static initialiser would. */
public final class ExplodingTransportProvider extends TestTransportProvider {
  /** Always throws. */
  public ExplodingTransportProvider() {
    super("exploding", "exploding");
    throw new IllegalStateException("boom while constructing");
  }
}
