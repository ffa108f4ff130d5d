package io.kombu.compression.zstd;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.kombu.compression.internal.StreamDecoding;
import io.kombu.compression.internal.StreamEncoding;
import io.kombu.spi.Compressor;
import java.util.Set;

/**
 * Kombu's {@code application/zstd} codec: one zstd frame at level 3 with the content size in its header and no
 * checksum, the defaults of python-zstandard's {@code ZstdCompressor} that Kombu uses. Python's decoder needs that
 * content-size field, so it is always written. Decoding streams, so frames with and without a content size are both
 * read (and several frames in a row), and a declared content size is never trusted for allocation. Needs
 * {@code com.github.luben:zstd-jni}.
 *
 * <p>The decoder's window is capped at {@link #maxWindowLog(long)}: a frame asking for a larger window is refused as
 * corrupt instead of allocating it.
 *
 * <p>Thread-safety: immutable and thread-safe; every call uses its own native context.
 */
public final class ZstdCompressor implements Compressor {
  /** The content type in the {@code compression} header. */
  public static final String CONTENT_TYPE = "application/zstd";

  /** python-zstandard's default level. */
  public static final int DEFAULT_LEVEL = 3;

  /** Window log always allowed (8 MiB): what streaming encoders use up to level 19. */
  static final int MIN_WINDOW_LOG = 23;

  /** zstd's own default ceiling for decoders (128 MiB). */
  static final int MAX_WINDOW_LOG = 27;

  private static final String NAME = "zstd";

  private final int level;

  /** A codec at {@link #DEFAULT_LEVEL}. */
  public ZstdCompressor() {
    this(DEFAULT_LEVEL);
  }

  /** @param level 1 to 22 (negative levels are zstd's fast modes) */
  public ZstdCompressor(int level) {
    if (level < Zstd.minCompressionLevel() || level > Zstd.maxCompressionLevel()) {
      throw new IllegalArgumentException(
          "zstd level must be " + Zstd.minCompressionLevel() + " to " + Zstd.maxCompressionLevel() + ", was " + level);
    }
    this.level = level;
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
    return Set.of("zstd", "zstandard");
  }

  @Override
  public byte[] compress(byte[] data) {
    try {
      return Zstd.compress(data, level);
    } catch (ZstdException e) {
      throw StreamEncoding.failed(NAME, e);
    }
  }

  @Override
  public byte[] decompress(byte[] data, long maxDecompressedBytes) {
    int windowLog = maxWindowLog(maxDecompressedBytes);
    return StreamDecoding.readAll(
        NAME, data, maxDecompressedBytes, in -> new ZstdInputStreamNoFinalizer(in).setLongMax(windowLog));
  }

  /**
   * The largest window a frame may ask for: enough for the output limit, at least {@link #MIN_WINDOW_LOG} and at most
   * {@link #MAX_WINDOW_LOG}.
   *
   * @param maxDecompressedBytes the output limit
   * @return the window log (a window of {@code 2^log} bytes)
   */
  static int maxWindowLog(long maxDecompressedBytes) {
    int needed = 64 - Long.numberOfLeadingZeros(Math.max(1, maxDecompressedBytes - 1));
    return Math.max(MIN_WINDOW_LOG, Math.min(MAX_WINDOW_LOG, needed));
  }

  @Override
  public String toString() {
    return "ZstdCompressor[level=" + level + "]";
  }
}
