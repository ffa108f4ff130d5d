package io.kombu.compression;

import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.kombu.compression.bzip2.Bzip2Compressor;
import io.kombu.compression.xz.XzCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Small compressed bodies that expand to a lot of zeros. Built without ever holding the expanded bytes: zeros are
 * streamed through an encoder, or one compressed stream is repeated (bzip2, xz and zstd decoders read concatenated
 * streams, as Python's do).
 */
final class Bombs {
  static final long GIB = 1024L * 1024 * 1024;
  private static final byte[] ZEROS = new byte[TestBodies.MIB];

  private Bombs() {}

  /** A zlib stream of {@code expandedBytes} zeros (about 1 MiB per GiB). */
  static byte[] zlib(long expandedBytes) {
    Deflater deflater = new Deflater(9);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    try {
      for (long written = 0; written < expandedBytes; written += ZEROS.length) {
        deflater.setInput(ZEROS);
        while (!deflater.needsInput()) {
          out.write(chunk, 0, deflater.deflate(chunk));
        }
      }
      deflater.finish();
      while (!deflater.finished()) {
        out.write(chunk, 0, deflater.deflate(chunk));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  static byte[] bzip2(long expandedBytes) {
    return repeat(new Bzip2Compressor().compress(new byte[16 * TestBodies.MIB]), expandedBytes / (16 * TestBodies.MIB));
  }

  static byte[] xz(long expandedBytes) {
    return repeat(new XzCompressor().compress(new byte[8 * TestBodies.MIB]), expandedBytes / (8 * TestBodies.MIB));
  }

  /** One streamed zstd frame, so its header does not declare the content size. */
  static byte[] zstd(long expandedBytes) {
    return stream(expandedBytes, ZstdOutputStreamNoFinalizer::new);
  }

  static byte[] brotli(long expandedBytes) {
    return stream(expandedBytes, sink -> new BrotliOutputStream(sink, new Encoder.Parameters().setQuality(1)));
  }

  static byte[] snappy(long expandedBytes) {
    return stream(expandedBytes, SnappyFramedOutputStream::new);
  }

  private interface Wrapper {
    OutputStream wrap(OutputStream sink) throws IOException;
  }

  private static byte[] stream(long expandedBytes, Wrapper wrapper) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (OutputStream out = wrapper.wrap(sink)) {
      for (long written = 0; written < expandedBytes; written += ZEROS.length) {
        out.write(ZEROS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sink.toByteArray();
  }

  private static byte[] repeat(byte[] stream, long times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) (stream.length * times));
    for (long i = 0; i < times; i++) {
      out.writeBytes(stream);
    }
    return out.toByteArray();
  }
}
