package io.kombu.compression;

import io.kombu.compression.brotli.BrotliCompressor;
import io.kombu.compression.bzip2.Bzip2Compressor;
import io.kombu.compression.snappy.SnappyCompressor;
import io.kombu.compression.xz.XzCompressor;
import io.kombu.compression.zlib.ZlibCompressor;
import io.kombu.compression.zstd.ZstdCompressor;
import io.kombu.spi.Compressor;
import java.util.stream.Stream;

/** Every codec at its default settings, for parameterized tests. */
final class Codecs {
  private Codecs() {}

  static Stream<Compressor> all() {
    return Stream.of(
        new ZlibCompressor(),
        new Bzip2Compressor(),
        new XzCompressor(),
        new ZstdCompressor(),
        new BrotliCompressor(),
        new SnappyCompressor());
  }

  /**
   * Every codec, with xz and brotli at a faster level than their Python-compatible defaults: at preset 6 and quality 11
   * a 10 MiB body takes 15 to 25 s on a busy build machine. The decoders are the same whatever the level.
   */
  static Stream<Compressor> quick() {
    return Stream.of(
        new ZlibCompressor(),
        new Bzip2Compressor(),
        new XzCompressor(1),
        new ZstdCompressor(),
        new BrotliCompressor(5),
        new SnappyCompressor());
  }
}
