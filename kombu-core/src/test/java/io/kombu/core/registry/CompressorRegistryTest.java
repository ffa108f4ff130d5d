package io.kombu.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.CompressionNotInstalledException;
import io.kombu.ConfigurationException;
import io.kombu.DecodeException;
import io.kombu.DecompressionLimitExceededException;
import io.kombu.core.CompressorRegistry;
import io.kombu.core.CompressorRegistry.Compressed;
import io.kombu.spi.CompressorProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CompressorRegistry")
class CompressorRegistryTest {
  private static final String TYPE = "application/x-test-deflate";
  private CompressorRegistry registry;

  @BeforeEach
  void setUp() {
    registry = CompressorRegistry.empty();
    registry.register(TestCompressors.deflate("tdeflate", TYPE, Set.of("td", "TestZ"), false));
  }

  @AfterEach
  void clearProperty() {
    System.clearProperty(CompressorRegistry.MAX_DECOMPRESSED_BYTES_PROPERTY);
  }

  private static byte[] zeros(int n) {
    return new byte[n];
  }

  @Test
  @DisplayName("finds a codec by name, alias or content type, in any case")
  void lookup() {
    for (String key : List.of("tdeflate", "TD", "testz", TYPE, TYPE.toUpperCase())) {
      assertThat(registry.find(key)).as(key).isPresent();
    }
    assertThat(registry.find("gzip")).isEmpty();
  }

  @Test
  @DisplayName("compress returns the bytes and the content type for the compression header, and decompress reverses it")
  void roundTrip() {
    byte[] body = "hello hello hello".getBytes(StandardCharsets.UTF_8);
    Compressed c = registry.compress(body, "td");
    assertThat(c.contentType()).isEqualTo(TYPE);
    assertThat(c.body()).isNotEqualTo(body);
    assertThat(registry.decompress(c.body(), c.contentType())).isEqualTo(body);
  }

  @Test
  @DisplayName("an unknown codec is refused, listing the available ones")
  void unknown() {
    assertThatThrownBy(() -> registry.compress(new byte[1], "snappy"))
        .isInstanceOf(CompressionNotInstalledException.class)
        .hasMessageContaining("\"snappy\"")
        .hasMessageContaining(TYPE + " (TestZ, td)");
    assertThatThrownBy(() -> CompressorRegistry.empty().decompress(new byte[1], "application/x-gzip"))
        .isInstanceOf(CompressionNotInstalledException.class)
        .hasMessageContaining("io.kombu:kombu-compression");
  }

  @Test
  @DisplayName("a codec a provider reported unavailable is refused naming the library to add")
  void unavailable(@TempDir Path dir) {
    ClassLoader loader = ServicesClassLoader.of(dir, Map.of(CompressorProvider.class,
        List.of(TestCompressorProvider.class.getName())));
    CompressorRegistry loaded = CompressorRegistry.load(loader);
    assertThat(loaded.contentTypes()).containsExactly(TYPE);
    assertThatThrownBy(() -> loaded.compress(new byte[1], "ZSTD"))
        .isInstanceOf(CompressionNotInstalledException.class)
        .hasMessageContaining("add com.github.luben:zstd-jni to the class path");
    assertThatThrownBy(() -> loaded.decompress(new byte[1], "application/zstd"))
        .hasMessageContaining("com.github.luben:zstd-jni");
  }

  @Test
  @DisplayName("decompression is bounded by 64 MiB by default")
  void defaultBound() {
    assertThat(registry.maxDecompressedBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(CompressorRegistry.DEFAULT_MAX_DECOMPRESSED_BYTES).isEqualTo(64L * 1024 * 1024);
    byte[] bomb = registry.compress(zeros(64 * 1024 * 1024 + 1), TYPE).body();
    assertThat(bomb.length).isLessThan(200_000);
    assertThatThrownBy(() -> registry.decompress(bomb, TYPE)).isInstanceOf(DecompressionLimitExceededException.class);
  }

  @Test
  @DisplayName("an explicit bound applies to one call")
  void explicitBound() {
    byte[] c = registry.compress(zeros(1000), TYPE).body();
    assertThat(registry.decompress(c, TYPE, 1000)).hasSize(1000);
    assertThatThrownBy(() -> registry.decompress(c, TYPE, 999)).isInstanceOf(DecompressionLimitExceededException.class);
    assertThatThrownBy(() -> registry.decompress(c, TYPE, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the bound can be set on the registry, and the setter wins over the system property")
  void setterAndProperty() {
    byte[] c = registry.compress(zeros(5000), TYPE).body();
    System.setProperty(CompressorRegistry.MAX_DECOMPRESSED_BYTES_PROPERTY, "4096");
    assertThat(registry.maxDecompressedBytes()).isEqualTo(4096);
    assertThatThrownBy(() -> registry.decompress(c, TYPE)).isInstanceOf(DecompressionLimitExceededException.class);
    registry.maxDecompressedBytes(10_000);
    assertThat(registry.decompress(c, TYPE)).hasSize(5000);
    assertThatThrownBy(() -> registry.maxDecompressedBytes(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("a system property that is not a positive number is reported clearly")
  void badProperty() {
    System.setProperty(CompressorRegistry.MAX_DECOMPRESSED_BYTES_PROPERTY, "lots");
    assertThatThrownBy(() -> registry.maxDecompressedBytes())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(CompressorRegistry.MAX_DECOMPRESSED_BYTES_PROPERTY)
        .hasMessageContaining("lots");
  }

  @Test
  @DisplayName("a codec that ignores the bound still cannot hand an oversized body on")
  void codecIgnoringBound() {
    registry.register(TestCompressors.deflate("sloppy", "application/x-sloppy", Set.of(), true));
    byte[] c = registry.compress(zeros(2000), "sloppy").body();
    assertThatThrownBy(() -> registry.decompress(c, "application/x-sloppy", 1000))
        .isInstanceOf(DecompressionLimitExceededException.class)
        .hasMessageContaining("sloppy");
  }

  @Test
  @DisplayName("corrupt data is a DecodeException")
  void corrupt() {
    assertThatThrownBy(() -> registry.decompress(new byte[] {1, 2, 3, 4}, TYPE)).isInstanceOf(DecodeException.class);
  }

  @Test
  @DisplayName("the default registry has kombu-compression's zlib, Python-compatible (a zlib stream, not gzip)")
  void defaultRegistryZlib() {
    CompressorRegistry defaults = CompressorRegistry.defaultRegistry();
    assertThat(defaults).isSameAs(CompressorRegistry.defaultRegistry());
    byte[] body = "kombu".repeat(100).getBytes(StandardCharsets.UTF_8);
    Compressed c = defaults.compress(body, "zlib");
    assertThat(c.contentType()).isEqualTo("application/x-gzip");
    assertThat(c.body()[0]).isEqualTo((byte) 0x78);
    Deflater deflater = new Deflater(6);
    deflater.setInput(body);
    deflater.finish();
    byte[] buf = new byte[1024];
    int n = deflater.deflate(buf);
    deflater.end();
    assertThat(defaults.decompress(Arrays.copyOf(buf, n), "application/x-gzip")).isEqualTo(body);
    assertThat(defaults.decompress(c.body(), "gzip")).isEqualTo(body);
  }
}
