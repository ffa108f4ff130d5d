package io.kombu.compression;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import io.kombu.spi.Compressor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Samples written by Python Kombu 5.2.4 (src/test/python/make_golden.py), decoded by the codecs the provider offers. */
@DisplayName("Bodies compressed by Python Kombu")
class PythonGoldenTest {
  private static final long LIMIT = 64L * TestBodies.MIB;
  private static final CompressionProvider PROVIDER = new CompressionProvider();

  static byte[] golden(String name) {
    try (InputStream in = PythonGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("test resource golden/%s", name).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Compressor byKey(String key) {
    return PROVIDER.compressors().stream()
        .filter(c -> c.aliases().contains(key) || c.contentType().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no codec offered for " + key));
  }

  @ParameterizedTest(name = "{0} (header {1})")
  @CsvSource({
    "zlib, application/x-gzip",
    "bzip2, application/x-bz2",
    "lzma, application/x-lzma",
    "zstd, application/zstd",
    "brotli, application/x-brotli"
  })
  @DisplayName("decode to the exact original payload, found by the content type Python put in the header")
  void payload(String alias, String contentType) {
    Compressor codec = byKey(contentType);
    assertThat(codec.aliases()).contains(alias);
    assertThat(codec.decompress(golden("payload." + alias), LIMIT)).isEqualTo(golden("payload.bin"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"zlib", "bzip2", "lzma", "zstd", "brotli"})
  @DisplayName("decode an empty body")
  void emptyBody(String alias) {
    assertThat(byKey(alias).decompress(golden("empty." + alias), LIMIT)).isEmpty();
  }

  @Test
  @DisplayName("decode the legacy .lzma (alone) format under the lzma codec")
  void lzmaAlone() {
    assertThat(byKey("lzma").decompress(golden("payload.lzma-alone"), LIMIT)).isEqualTo(golden("payload.bin"));
  }

  @Test
  @DisplayName("decode a zstd frame that does not declare its content size")
  void zstdWithoutContentSize() {
    byte[] frame = golden("payload.zstd-nosize");
    assertThat(Zstd.getFrameContentSize(frame)).isEqualTo(-1L); // ZSTD_CONTENTSIZE_UNKNOWN
    assertThat(byKey("zstd").decompress(frame, LIMIT)).isEqualTo(golden("payload.bin"));
  }

  @Test
  @DisplayName("Java's zstd frames declare their content size, which Python's ZstdDecompressor.decompress needs")
  void javaZstdDeclaresContentSize() {
    byte[] payload = golden("payload.bin");
    assertThat(Zstd.getFrameContentSize(byKey("zstd").compress(payload))).isEqualTo(payload.length);
  }

  @Test
  @DisplayName("Java's zlib output is a zlib stream with the same default-level header Python writes, not a gzip file")
  void javaZlibIsAZlibStream() {
    byte[] java = byKey("gzip").compress(golden("payload.bin"));
    byte[] python = golden("payload.zlib");
    assertThat(new byte[] {java[0], java[1]}).isEqualTo(new byte[] {python[0], python[1]}).containsExactly(0x78, 0x9C);
  }

  @Test
  @DisplayName("Java's lzma output is an .xz container with a CRC64 check, as Python's lzma.compress writes")
  void javaXzUsesCrc64() {
    byte[] java = byKey("xz").compress(golden("payload.bin"));
    byte[] python = golden("payload.lzma");
    // Stream header: 6 magic bytes, then the stream flags (0x00, check type 0x04 = CRC64).
    assertThat(java).startsWith(0xFD, '7', 'z', 'X', 'Z', 0x00, 0x00, 0x04);
    assertThat(python).startsWith(0xFD, '7', 'z', 'X', 'Z', 0x00, 0x00, 0x04);
  }
}
