package io.kombu.compression.bzip2;

import io.kombu.compression.internal.StreamDecoding;
import io.kombu.compression.internal.StreamEncoding;
import io.kombu.spi.Compressor;
import java.util.Set;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Kombu's {@code application/x-bz2} codec: a bzip2 stream at block size 9 (Python's {@code bz2.compress} default).
 * Concatenated streams are decoded one after another, as Python's {@code bz2.decompress} does. Needs
 * {@code org.apache.commons:commons-compress}.
 *
 * <p>Thread-safety: immutable and thread-safe; every call uses its own streams.
 */
public final class Bzip2Compressor implements Compressor {
  /** The content type in the {@code compression} header. */
  public static final String CONTENT_TYPE = "application/x-bz2";

  /** Python's {@code bz2.compress} default block size (in units of 100 kB). */
  public static final int DEFAULT_BLOCK_SIZE = 9;

  private static final String NAME = "bzip2";

  private final int blockSize;

  /** A codec at {@link #DEFAULT_BLOCK_SIZE}. */
  public Bzip2Compressor() {
    this(DEFAULT_BLOCK_SIZE);
  }

  /** @param blockSize 1 to 9, in units of 100 kB */
  public Bzip2Compressor(int blockSize) {
    if (blockSize < BZip2CompressorOutputStream.MIN_BLOCKSIZE || blockSize > BZip2CompressorOutputStream.MAX_BLOCKSIZE) {
      throw new IllegalArgumentException("bzip2 block size must be 1 to 9, was " + blockSize);
    }
    this.blockSize = blockSize;
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
    return Set.of("bzip2", "bzip");
  }

  @Override
  public byte[] compress(byte[] data) {
    return StreamEncoding.writeAll(NAME, data, sink -> new BZip2CompressorOutputStream(sink, blockSize));
  }

  @Override
  public byte[] decompress(byte[] data, long maxDecompressedBytes) {
    return StreamDecoding.readAll(NAME, data, maxDecompressedBytes, in -> new BZip2CompressorInputStream(in, true));
  }

  @Override
  public String toString() {
    return "Bzip2Compressor[blockSize=" + blockSize + "]";
  }
}
