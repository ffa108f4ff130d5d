package io.kombu.compression.snappy;

import io.kombu.compression.internal.StreamDecoding;
import io.kombu.compression.internal.StreamEncoding;
import io.kombu.spi.Compressor;
import java.util.Set;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * An {@code application/x-snappy} codec in Snappy's framing format (stream identifier, then chunks of at most 64 KiB
 * with a masked CRC-32C each), through snappy-java. This is a Kombu-Java addition: Python Kombu 5.2.4 registers no
 * snappy codec, so only Java consumers can read these messages. Checksums are verified on decode. Needs
 * {@code org.xerial.snappy:snappy-java}.
 *
 * <p>Thread-safety: immutable and thread-safe; every call uses its own streams.
 */
public final class SnappyCompressor implements Compressor {
  /** The content type in the {@code compression} header. */
  public static final String CONTENT_TYPE = "application/x-snappy";

  private static final String NAME = "snappy";

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
    return Set.of("snappy");
  }

  @Override
  public byte[] compress(byte[] data) {
    return StreamEncoding.writeAll(NAME, data, SnappyFramedOutputStream::new);
  }

  @Override
  public byte[] decompress(byte[] data, long maxDecompressedBytes) {
    return StreamDecoding.readAll(NAME, data, maxDecompressedBytes, in -> new SnappyFramedInputStream(in, true));
  }

  @Override
  public String toString() {
    return "SnappyCompressor";
  }
}
