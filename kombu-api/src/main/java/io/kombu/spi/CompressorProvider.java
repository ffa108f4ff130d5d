package io.kombu.spi;

import java.util.List;
import java.util.Map;

/**
 * Contributes compressors, found with ServiceLoader ({@code META-INF/services/io.kombu.spi.CompressorProvider}).
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface CompressorProvider {
  /** @return compressors whose libraries are present */
  List<Compressor> compressors();

  /**
   * @return codecs this jar knows but cannot offer (library missing), keyed by every name, alias and content type, mapped to
   *     what to add, e.g. {@code "add com.github.luben:zstd-jni to the class path"}
   */
  default Map<String, String> unavailable() {
    return Map.of();
  }

  /** @return the SPI version the provider was built against */
  default int spiVersion() {
    return Spi.VERSION;
  }
}
