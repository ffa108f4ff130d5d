package io.kombu.spi;

import java.util.Set;

/**
 * One compression codec (Kombu's compression registry entry). The message header {@code compression} carries its content
 * type.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface Compressor {
  /** @return the main name, e.g. {@code zlib} */
  String name();

  /** @return the content type put in the {@code compression} header, e.g. {@code application/x-gzip} */
  String contentType();

  /** @return every name it is known by besides the content type, e.g. {@code gzip} and {@code zlib} */
  Set<String> aliases();

  /** @param data bytes @return compressed bytes */
  byte[] compress(byte[] data);

  /**
   * Decompresses, refusing to produce more than a limit, so that a small hostile body cannot exhaust memory.
   *
   * @param data compressed bytes
   * @param maxDecompressedBytes the most bytes the result may have
   * @return the original bytes
   * @throws io.kombu.DecompressionLimitExceededException when the result would pass the limit
   * @throws io.kombu.DecodeException when the data is corrupt
   */
  byte[] decompress(byte[] data, long maxDecompressedBytes);
}
