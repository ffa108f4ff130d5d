package io.kombu.compression.internal;

import io.kombu.DecompressionLimitExceededException;
import java.util.Arrays;

/**
 * A growable byte buffer that refuses to grow past a limit, so a decoder can stop a decompression bomb as soon as its
 * output passes the limit. Capacity doubles as data arrives and never exceeds the limit, so nothing is allocated on the
 * strength of a size the compressed data merely claims.
 *
 * <p>Thread-safety: not thread-safe; one instance serves one decompression call.
 */
public final class BoundedOutput {
  /** The largest array most JVMs can allocate. */
  static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  /** How to raise the limit, in kombu-core's compressor registry; ends every limit message. */
  public static final String RAISE_HINT =
      "raise it with CompressorRegistry.maxDecompressedBytes(long) or -Dkombu.compression.maxDecompressedBytes=<bytes>"
          + " (kombu-core) if this message is legitimate";

  private static final int MIN_CAPACITY = 256;

  private final String codec;
  private final long limitBytes;
  private byte[] buffer;
  private int size;

  /**
   * @param codec the codec's name, for the error message
   * @param limitBytes the most bytes this buffer may hold
   * @param expectedBytes a hint for the first allocation (for example a multiple of the compressed size); it is capped
   *     by the limit, so a hostile hint costs nothing
   */
  public BoundedOutput(String codec, long limitBytes, long expectedBytes) {
    if (limitBytes < 0) {
      throw new IllegalArgumentException("maxDecompressedBytes must be zero or more, was " + limitBytes);
    }
    this.codec = codec;
    this.limitBytes = limitBytes;
    long first = Math.min(Math.max(expectedBytes, MIN_CAPACITY), Math.min(limitBytes, MAX_ARRAY_LENGTH));
    this.buffer = new byte[(int) first];
  }

  /** @return how many bytes have been written */
  public int size() {
    return size;
  }

  /**
   * Appends bytes.
   *
   * @throws DecompressionLimitExceededException when the total would pass the limit
   */
  public void write(byte[] bytes, int offset, int length) {
    if (length == 0) {
      return;
    }
    long total = (long) size + length;
    if (total > limitBytes) {
      throw limitExceeded(codec, limitBytes);
    }
    if (total > MAX_ARRAY_LENGTH) {
      throw new DecompressionLimitExceededException(
          "decompressed " + codec + " body exceeds " + MAX_ARRAY_LENGTH
              + " bytes, the largest array the JVM can hold; a body this large cannot be delivered as one message");
    }
    if (total > buffer.length) {
      long grown = Math.max(total, (long) buffer.length * 2);
      buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Math.min(limitBytes, MAX_ARRAY_LENGTH)));
    }
    System.arraycopy(bytes, offset, buffer, size, length);
    size = (int) total;
  }

  /** @return exactly the bytes written */
  public byte[] toByteArray() {
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  /**
   * @param codec the codec's name
   * @param limitBytes the limit that was passed
   * @return the exception every codec throws when its output passes the limit
   */
  public static DecompressionLimitExceededException limitExceeded(String codec, long limitBytes) {
    return new DecompressionLimitExceededException(
        "decompressed " + codec + " body exceeds the limit of " + limitBytes
            + " bytes; " + RAISE_HINT);
  }
}
