package io.kombu.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.spi.Compressor;
import io.kombu.spi.CompressorProvider;
import io.kombu.spi.Spi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CompressionProvider")
class CompressionProviderTest {

  @Test
  @DisplayName("is found by ServiceLoader")
  void foundByServiceLoader() {
    List<Class<?>> types = new ArrayList<>();
    ServiceLoader.load(CompressorProvider.class, CompressionProviderTest.class.getClassLoader())
        .stream()
        .forEach(p -> types.add(p.type()));
    assertThat(types).contains(CompressionProvider.class);
  }

  @Test
  @DisplayName("offers all six codecs with Kombu's names, aliases and content types when every library is present")
  void offersEveryCodec() {
    CompressionProvider provider = new CompressionProvider();
    assertThat(provider.compressors())
        .extracting(Compressor::name, Compressor::contentType, Compressor::aliases)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("zlib", "application/x-gzip", Set.of("gzip", "zlib")),
            org.assertj.core.groups.Tuple.tuple("bzip2", "application/x-bz2", Set.of("bzip2", "bzip")),
            org.assertj.core.groups.Tuple.tuple("lzma", "application/x-lzma", Set.of("lzma", "xz")),
            org.assertj.core.groups.Tuple.tuple("zstd", "application/zstd", Set.of("zstd", "zstandard")),
            org.assertj.core.groups.Tuple.tuple("brotli", "application/x-brotli", Set.of("brotli")),
            org.assertj.core.groups.Tuple.tuple("snappy", "application/x-snappy", Set.of("snappy")));
    assertThat(provider.unavailable()).isEmpty();
    assertThat(provider.spiVersion()).isEqualTo(Spi.VERSION);
  }

  @Test
  @DisplayName("gives every name, alias and content type to exactly one codec")
  void keysAreUnique() {
    Set<String> seen = new HashSet<>();
    for (Compressor c : new CompressionProvider().compressors()) {
      Set<String> keys = new HashSet<>(c.aliases());
      keys.add(c.name());
      keys.add(c.contentType());
      for (String key : keys) {
        assertThat(seen.add(key)).as("key %s is claimed twice", key).isTrue();
      }
    }
  }

  @Test
  @DisplayName("probes once and returns the same codec instances afterwards")
  void probesOnce() {
    CompressionProvider provider = new CompressionProvider();
    List<Compressor> first = provider.compressors();
    assertThat(provider.compressors()).isSameAs(first);
  }

  @Test
  @DisplayName("offers codecs whose names and content types match the codec classes' own constants")
  void catalogueMatchesCodecClasses() {
    assertThat(new CompressionProvider().compressors())
        .extracting(Compressor::contentType)
        .containsExactly(
            io.kombu.compression.zlib.ZlibCompressor.CONTENT_TYPE,
            io.kombu.compression.bzip2.Bzip2Compressor.CONTENT_TYPE,
            io.kombu.compression.xz.XzCompressor.CONTENT_TYPE,
            io.kombu.compression.zstd.ZstdCompressor.CONTENT_TYPE,
            io.kombu.compression.brotli.BrotliCompressor.CONTENT_TYPE,
            io.kombu.compression.snappy.SnappyCompressor.CONTENT_TYPE);
  }
}
