package io.kombu.spi;

/** Version of these contracts. A provider built for another version is rejected with a clear message. */
public final class Spi {
  /** Raised whenever a contract in this package changes incompatibly. */
  public static final int VERSION = 1;

  private Spi() {}
}
