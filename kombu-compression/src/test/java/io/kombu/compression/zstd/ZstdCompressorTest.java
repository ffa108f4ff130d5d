package io.kombu.compression.zstd;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.Zstd;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ZstdCompressor")
class ZstdCompressorTest {

  @Test
  @DisplayName("caps the decoder window between 8 MiB and 128 MiB, following the output limit")
  void windowLog() {
    assertThat(ZstdCompressor.maxWindowLog(1)).isEqualTo(23);
    assertThat(ZstdCompressor.maxWindowLog(64L * 1024 * 1024)).isEqualTo(26);
    assertThat(ZstdCompressor.maxWindowLog(64L * 1024 * 1024 + 1)).isEqualTo(27);
    assertThat(ZstdCompressor.maxWindowLog(Long.MAX_VALUE)).isEqualTo(27);
  }

  @Test
  @DisplayName("reads several frames in a row, as zstd's format allows")
  void concatenatedFrames() {
    byte[] a = Zstd.compress("first ".getBytes(), 3);
    byte[] b = Zstd.compress("second".getBytes(), 3);
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    assertThat(new String(new ZstdCompressor().decompress(both, 100))).isEqualTo("first second");
  }

  @Test
  @DisplayName("does not trust a frame that declares a content size larger than its data")
  void declaredSizeNotTrusted() {
    byte[] frame = Zstd.compress(new byte[1000], 3);
    // The frame's content-size field says 1000; the limit of 10 stops the output, not the header's claim.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ZstdCompressor().decompress(frame, 10))
        .isInstanceOf(io.kombu.DecompressionLimitExceededException.class);
  }
}
