package io.kombu.core.registry;

import io.kombu.DecodeException;
import io.kombu.DecompressionLimitExceededException;
import io.kombu.spi.Compressor;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** Compressors for registry tests, independent of kombu-compression. */
final class TestCompressors {
  private TestCompressors() {}

  /** A zlib codec under a test content type; honours the bound unless {@code ignoreBound}. */
  static Compressor deflate(String name, String contentType, Set<String> aliases, boolean ignoreBound) {
    return new Compressor() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String contentType() {
        return contentType;
      }

      @Override
      public Set<String> aliases() {
        return aliases;
      }

      @Override
      public byte[] compress(byte[] data) {
        Deflater deflater = new Deflater(6);
        try {
          deflater.setInput(data);
          deflater.finish();
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          byte[] buf = new byte[8192];
          while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
          }
          return out.toByteArray();
        } finally {
          deflater.end();
        }
      }

      @Override
      public byte[] decompress(byte[] data, long maxDecompressedBytes) {
        Inflater inflater = new Inflater();
        try {
          inflater.setInput(data);
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          byte[] buf = new byte[8192];
          while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
              throw new DecodeException("truncated zlib stream");
            }
            out.write(buf, 0, n);
            if (!ignoreBound && out.size() > maxDecompressedBytes) {
              throw new DecompressionLimitExceededException("past " + maxDecompressedBytes + " bytes");
            }
          }
          return out.toByteArray();
        } catch (DataFormatException e) {
          throw new IllegalArgumentException("corrupt", e);
        } finally {
          inflater.end();
        }
      }
    };
  }
}
