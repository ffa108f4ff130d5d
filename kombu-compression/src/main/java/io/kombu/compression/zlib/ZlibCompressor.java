package io.kombu.compression.zlib;

import io.kombu.DecodeException;
import io.kombu.compression.internal.BoundedOutput;
import io.kombu.compression.internal.StreamDecoding;
import io.kombu.spi.Compressor;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Kombu's {@code application/x-gzip} codec. Despite the content type the bytes are a zlib stream (RFC 1950: two-byte
 * header, deflate data, Adler-32), not a gzip file, because that is what Python Kombu's {@code zlib.compress} produces.
 * Bytes after the end of the stream are ignored, as Python's {@code zlib.decompress} ignores them.
 *
 * <p>Thread-safety: immutable and thread-safe; every call uses its own {@link Deflater} or {@link Inflater}.
 */
public final class ZlibCompressor implements Compressor {
  /** The content type in the {@code compression} header. */
  public static final String CONTENT_TYPE = "application/x-gzip";

  /** Python's {@code zlib.compress} default level ({@code Z_DEFAULT_COMPRESSION}). */
  public static final int DEFAULT_LEVEL = 6;

  private static final String NAME = "zlib";
  private static final int CHUNK_BYTES = StreamDecoding.CHUNK_BYTES;

  private final int level;

  /** A codec at {@link #DEFAULT_LEVEL}. */
  public ZlibCompressor() {
    this(DEFAULT_LEVEL);
  }

  /** @param level 0 (store) to 9 (smallest) */
  public ZlibCompressor(int level) {
    if (level < Deflater.NO_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
      throw new IllegalArgumentException("zlib level must be 0 to 9, was " + level);
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
    return Set.of("gzip", "zlib");
  }

  @Override
  public byte[] compress(byte[] data) {
    Deflater deflater = new Deflater(level);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
      byte[] chunk = new byte[CHUNK_BYTES];
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  @Override
  public byte[] decompress(byte[] data, long maxDecompressedBytes) {
    BoundedOutput out = new BoundedOutput(NAME, maxDecompressedBytes, (long) data.length * 4);
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data);
      byte[] chunk = new byte[CHUNK_BYTES];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        out.write(chunk, 0, n);
        if (n == 0 && !inflater.finished()) {
          if (inflater.needsDictionary()) {
            throw new DecodeException(
                "cannot decompress zlib body: it needs a preset dictionary, which Kombu never uses; the producer is"
                    + " not a Kombu client");
          }
          if (inflater.needsInput()) {
            throw new DecodeException(
                "cannot decompress zlib body: the stream is truncated (" + data.length
                    + " bytes ended before the end-of-stream marker); the message was cut short in transit");
          }
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw StreamDecoding.corrupt(NAME, e);
    } finally {
      inflater.end();
    }
  }

  @Override
  public String toString() {
    return "ZlibCompressor[level=" + level + "]";
  }
}
