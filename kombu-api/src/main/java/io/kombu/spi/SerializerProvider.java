package io.kombu.spi;

import java.util.List;
import java.util.Map;

/**
 * Contributes serializers, found with ServiceLoader ({@code META-INF/services/io.kombu.spi.SerializerProvider}).
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface SerializerProvider {
  /** @return serializers whose libraries are present */
  List<Serializer> serializers();

  /**
   * @return serializers this jar knows but cannot offer, keyed by name and by content type, each mapped to what to add
   *     (e.g. {@code "add net.razorvine:pickle to the class path"}): the registry puts that into its error
   */
  default Map<String, String> unavailable() {
    return Map.of();
  }

  /** @return the SPI version the provider was built against */
  default int spiVersion() {
    return Spi.VERSION;
  }
}
