package io.kombu.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kombu.DecompressionLimitExceededException;
import io.kombu.compression.brotli.BrotliCompressor;
import io.kombu.compression.bzip2.Bzip2Compressor;
import io.kombu.compression.snappy.SnappyCompressor;
import io.kombu.compression.xz.XzCompressor;
import io.kombu.compression.zlib.ZlibCompressor;
import io.kombu.compression.zstd.ZstdCompressor;
import io.kombu.spi.Compressor;
import java.lang.management.ManagementFactory;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decompression bombs are refused under the default 64 MiB limit, quickly, and without buffering the expanded body:
 * the bytes the decoding thread allocates on the heap are measured and must stay near the limit, not the bomb's size.
 */
@DisplayName("A decompression bomb")
class DecompressionBombTest {
  private static final long LIMIT = 64L * TestBodies.MIB;
  /** Doubling growth up to the limit allocates about twice the limit; the decoders' own buffers are small. */
  private static final long MAX_ALLOCATED = 3 * LIMIT;

  static Stream<Arguments> bombs() {
    return Stream.of(
        bomb(new ZlibCompressor(), Bombs.GIB, Bombs::zlib),
        bomb(new Bzip2Compressor(), Bombs.GIB, Bombs::bzip2),
        bomb(new XzCompressor(), Bombs.GIB, Bombs::xz),
        bomb(new ZstdCompressor(), Bombs.GIB, Bombs::zstd),
        bomb(new BrotliCompressor(), Bombs.GIB, Bombs::brotli),
        bomb(new SnappyCompressor(), 256L * TestBodies.MIB, Bombs::snappy));
  }

  private static Arguments bomb(Compressor codec, long expandedBytes, LongFunction<byte[]> builder) {
    return Arguments.of(codec.name(), expandedBytes / TestBodies.MIB, codec, builder.apply(expandedBytes));
  }

  @ParameterizedTest(name = "{0}: {1} MiB of zeros")
  @MethodSource("bombs")
  @Timeout(30)
  @DisplayName("is refused with DecompressionLimitExceededException, allocating about the limit, not the bomb")
  void refused(String name, long expandedMiB, Compressor codec, byte[] bomb) {
    assertThat((long) bomb.length).as("compressed size").isLessThan(LIMIT / 4);
    long before = allocatedBytes();

    assertThatThrownBy(() -> codec.decompress(bomb, LIMIT))
        .isInstanceOf(DecompressionLimitExceededException.class)
        .hasMessageContaining(codec.name())
        .hasMessageContaining("exceeds the limit of " + LIMIT + " bytes");

    long allocated = allocatedBytes() - before;
    if (allocated >= 0) {
      assertThat(allocated).as("heap bytes allocated while refusing a %d MiB bomb", expandedMiB).isLessThan(MAX_ALLOCATED);
    }
  }

  private static long allocatedBytes() {
    var threads = ManagementFactory.getThreadMXBean();
    assumeThat(threads).isInstanceOf(com.sun.management.ThreadMXBean.class);
    return ((com.sun.management.ThreadMXBean) threads).getCurrentThreadAllocatedBytes();
  }
}
