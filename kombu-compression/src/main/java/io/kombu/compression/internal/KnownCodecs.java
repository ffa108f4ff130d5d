package io.kombu.compression.internal;

import io.kombu.compression.brotli.BrotliCompressor;
import io.kombu.compression.bzip2.Bzip2Compressor;
import io.kombu.compression.snappy.SnappyCompressor;
import io.kombu.compression.xz.XzCompressor;
import io.kombu.compression.zlib.ZlibCompressor;
import io.kombu.compression.zstd.ZstdCompressor;
import java.util.List;
import java.util.Set;

/**
 * The codecs this jar ships, in the order they are offered. The content types and names are repeated here as string
 * literals on purpose: reading a codec class's constants would load that class, and with it its library. For the same
 * reason the factories are lambdas, not constructor references: a constructor reference links the codec class (and
 * verifying it loads library classes) when this list is built, a lambda only when it is called.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class KnownCodecs {
  private KnownCodecs() {}

  /** @return one descriptor per codec */
  public static List<CodecDescriptor> all() {
    return List.of(
        new CodecDescriptor(
            "zlib", "application/x-gzip", Set.of("gzip", "zlib"), "java.util.zip.Inflater", "the JDK's java.util.zip",
            () -> new ZlibCompressor()),
        new CodecDescriptor(
            "bzip2", "application/x-bz2", Set.of("bzip2", "bzip"),
            "org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream",
            "org.apache.commons:commons-compress", () -> new Bzip2Compressor()),
        new CodecDescriptor(
            "lzma", "application/x-lzma", Set.of("lzma", "xz"), "org.tukaani.xz.XZInputStream", "org.tukaani:xz",
            () -> new XzCompressor()),
        new CodecDescriptor(
            "zstd", "application/zstd", Set.of("zstd", "zstandard"), "com.github.luben.zstd.Zstd",
            "com.github.luben:zstd-jni", () -> new ZstdCompressor()),
        new CodecDescriptor(
            "brotli", "application/x-brotli", Set.of("brotli"), "com.aayushatharva.brotli4j.Brotli4jLoader",
            "com.aayushatharva.brotli4j:brotli4j (with its native jar for this platform)", () -> new BrotliCompressor()),
        new CodecDescriptor(
            "snappy", "application/x-snappy", Set.of("snappy"), "org.xerial.snappy.SnappyFramedInputStream",
            "org.xerial.snappy:snappy-java", () -> new SnappyCompressor()));
  }
}
