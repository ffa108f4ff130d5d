package io.kombu.compression.xz;

import io.kombu.DecodeException;
import io.kombu.DecompressionLimitExceededException;
import io.kombu.compression.internal.BoundedOutput;
import io.kombu.compression.internal.StreamDecoding;
import io.kombu.compression.internal.StreamEncoding;
import io.kombu.spi.Compressor;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.CorruptedInputException;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.MemoryLimitException;
import org.tukaani.xz.UnsupportedOptionsException;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Kombu's {@code application/x-lzma} codec. It writes the .xz container with an LZMA2 filter at preset 6 and a CRC64
 * check, which is what Python's {@code lzma.compress} writes by default, and it reads both .xz (concatenated streams
 * included) and the legacy .lzma ("alone") format, told apart by the .xz magic bytes, as Python's {@code FORMAT_AUTO}
 * does. Needs {@code org.tukaani:xz}.
 *
 * <p>The dictionary is shrunk to the body's size (never below 4 KiB, never above the preset's 8 MiB): a larger one
 * cannot find more matches, and it would make both sides allocate it. The output differs from Python's byte for byte
 * only in the dictionary-size field and decodes the same everywhere. Encoder and decoder arrays (dictionaries, match
 * finders) are reused across calls through XZ for Java's shared {@link BasicArrayCache}.
 *
 * <p>Decoder memory is capped too: a stream whose header asks for a larger dictionary than {@link
 * #decoderMemoryLimitKiB(long)} allows is refused with {@link DecompressionLimitExceededException}.
 *
 * <p>Thread-safety: immutable and thread-safe; every call uses its own streams.
 */
public final class XzCompressor implements Compressor {
  /** The content type in the {@code compression} header. */
  public static final String CONTENT_TYPE = "application/x-lzma";

  /** Python's {@code lzma.compress} default preset. */
  public static final int DEFAULT_PRESET = 6;

  /** Decoder memory always allowed: every xz preset, 9 (64 MiB dictionary) included, decodes within it. */
  static final long MIN_DECODER_MEMORY_BYTES = 96L * 1024 * 1024;

  private static final String NAME = "lzma";
  private static final int LZMA_ALONE_HEADER_BYTES = 13;
  private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};

  private final int preset;

  /** A codec at {@link #DEFAULT_PRESET}. */
  public XzCompressor() {
    this(DEFAULT_PRESET);
  }

  /** @param preset 0 (fastest) to 9 (smallest) */
  public XzCompressor(int preset) {
    if (preset < LZMA2Options.PRESET_MIN || preset > LZMA2Options.PRESET_MAX) {
      throw new IllegalArgumentException("xz preset must be 0 to 9, was " + preset);
    }
    this.preset = preset;
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
    return Set.of("lzma", "xz");
  }

  @Override
  public byte[] compress(byte[] data) {
    return StreamEncoding.writeAll(
        NAME, data, sink -> new XZOutputStream(sink, options(data.length), XZ.CHECK_CRC64, BasicArrayCache.getInstance()));
  }

  private LZMA2Options options(int bodyLength) throws UnsupportedOptionsException {
    LZMA2Options options = new LZMA2Options(preset);
    int dictSize = Math.max(LZMA2Options.DICT_SIZE_MIN, Math.min(bodyLength, options.getDictSize()));
    options.setDictSize(dictSize);
    return options;
  }

  @Override
  public byte[] decompress(byte[] data, long maxDecompressedBytes) {
    int memoryLimitKiB = decoderMemoryLimitKiB(maxDecompressedBytes);
    try {
      return StreamDecoding.readAll(NAME, data, maxDecompressedBytes, in -> open(data, in, memoryLimitKiB));
    } catch (DecodeException e) {
      if (e.getCause() instanceof MemoryLimitException tooBig) {
        throw new DecompressionLimitExceededException(
            "lzma body needs " + tooBig.getMemoryNeeded() + " KiB of decoder memory (its dictionary), more than the "
                + memoryLimitKiB + " KiB allowed for a limit of " + maxDecompressedBytes
                + " bytes; " + BoundedOutput.RAISE_HINT,
            tooBig);
      }
      throw e;
    }
  }

  private static InputStream open(byte[] data, InputStream in, int memoryLimitKiB) throws IOException {
    if (startsWithXzMagic(data)) {
      return new XZInputStream(in, memoryLimitKiB, true, BasicArrayCache.getInstance());
    }
    if (!hasPlausibleLzmaAloneHeader(data)) {
      throw new CorruptedInputException("neither the .xz magic bytes nor a valid legacy .lzma header");
    }
    return new LZMAInputStream(in, memoryLimitKiB, BasicArrayCache.getInstance());
  }

  /**
   * The checks liblzma makes before it accepts the legacy format, as Python's {@code FORMAT_AUTO} does: the .lzma header
   * has no magic, so without them any bytes would be taken for it, and their "dictionary size" allocated.
   */
  static boolean hasPlausibleLzmaAloneHeader(byte[] data) {
    if (data.length < LZMA_ALONE_HEADER_BYTES || (data[0] & 0xFF) >= 9 * 5 * 5) {
      return false;
    }
    long dictSize = 0;
    for (int i = 4; i >= 1; i--) {
      dictSize = (dictSize << 8) | (data[i] & 0xFF);
    }
    long uncompressedSize = 0;
    for (int i = 12; i >= 5; i--) {
      uncompressedSize = (uncompressedSize << 8) | (data[i] & 0xFF);
    }
    boolean sizeOk = uncompressedSize == -1 || (uncompressedSize >= 0 && uncompressedSize < (1L << 38));
    return sizeOk && isPowerOfTwoOrOneAndAHalf(dictSize);
  }

  /** liblzma only accepts dictionary sizes of the form 2^n or 2^n + 2^(n-1) in a legacy header. */
  private static boolean isPowerOfTwoOrOneAndAHalf(long size) {
    if (size <= 0) {
      return false;
    }
    long highest = Long.highestOneBit(size);
    return size == highest || size == highest + (highest >> 1);
  }

  private static boolean startsWithXzMagic(byte[] data) {
    if (data.length < XZ_MAGIC.length) {
      return false;
    }
    for (int i = 0; i < XZ_MAGIC.length; i++) {
      if (data[i] != XZ_MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The most decoder memory (mostly the dictionary) a stream may ask for: the larger of 96 MiB and the output limit.
   *
   * @param maxDecompressedBytes the output limit
   * @return the limit in KiB, as XZ for Java takes it
   */
  static int decoderMemoryLimitKiB(long maxDecompressedBytes) {
    long bytes = Math.max(MIN_DECODER_MEMORY_BYTES, maxDecompressedBytes);
    return (int) Math.min(Integer.MAX_VALUE, bytes / 1024);
  }

  @Override
  public String toString() {
    return "XzCompressor[preset=" + preset + "]";
  }
}
