package io.kombu.compression.brotli;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.kombu.compression.internal.StreamDecoding;
import io.kombu.compression.internal.StreamEncoding;
import io.kombu.spi.Compressor;
import java.io.IOException;
import java.util.Set;

/**
 * Kombu's {@code application/x-brotli} codec, through brotli4j's JNI binding. The defaults are Python's
 * {@code brotli.compress} defaults (quality 11, window 22, generic mode). Quality 11 is slow on large bodies (about
 * 1 MB/s on text); pass a lower quality to the constructor when throughput matters, the decoder does not care. Needs
 * {@code com.aayushatharva.brotli4j:brotli4j} and its native jar for the platform.
 *
 * <p>Thread-safety: immutable and thread-safe; every call uses its own native encoder or decoder.
 */
public final class BrotliCompressor implements Compressor {
  /** The content type in the {@code compression} header. */
  public static final String CONTENT_TYPE = "application/x-brotli";

  /** Python's {@code brotli.compress} default quality. */
  public static final int DEFAULT_QUALITY = 11;

  /** Python's {@code brotli.compress} default window (log2 of its size). */
  public static final int DEFAULT_WINDOW = 22;

  private static final String NAME = "brotli";

  private final int quality;

  /** A codec at {@link #DEFAULT_QUALITY}. */
  public BrotliCompressor() {
    this(DEFAULT_QUALITY);
  }

  /**
   * Loads the native library.
   *
   * @param quality 0 (fastest) to 11 (smallest)
   * @throws UnsatisfiedLinkError when brotli4j has no native library for this platform
   */
  public BrotliCompressor(int quality) {
    if (quality < 0 || quality > 11) {
      throw new IllegalArgumentException("brotli quality must be 0 to 11, was " + quality);
    }
    Brotli4jLoader.ensureAvailability();
    this.quality = quality;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public Set<String> aliases() {
    return Set.of("brotli");
  }

  @Override
  public byte[] compress(byte[] data) {
    try {
      return Encoder.compress(data, new Encoder.Parameters().setQuality(quality).setWindow(DEFAULT_WINDOW));
    } catch (IOException | RuntimeException e) {
      throw StreamEncoding.failed(NAME, e);
    }
  }

  @Override
  public byte[] decompress(byte[] data, long maxDecompressedBytes) {
    return StreamDecoding.readAll(NAME, data, maxDecompressedBytes, BrotliInputStream::new);
  }

  @Override
  public String toString() {
    return "BrotliCompressor[quality=" + quality + "]";
  }
}
