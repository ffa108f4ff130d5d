package io.kombu.compression.xz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecompressionLimitExceededException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

@DisplayName("XzCompressor")
class XzCompressorTest {
  private static final byte[] BODY = "kombu ".repeat(200).getBytes(StandardCharsets.US_ASCII);

  @Test
  @DisplayName("decodes a preset-9 stream (64 MiB dictionary) even under a small output limit")
  void preset9UnderSmallLimit() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (XZOutputStream out = new XZOutputStream(sink, new LZMA2Options(9))) {
      out.write(BODY);
    }
    assertThat(new XzCompressor().decompress(sink.toByteArray(), BODY.length)).isEqualTo(BODY);
  }

  @Test
  @DisplayName("refuses a legacy .lzma header asking for a 1 GiB dictionary before allocating it")
  void hugeDictionaryRefused() {
    byte[] header = new byte[32];
    header[0] = 0x5D; // lc=3, lp=0, pb=2
    int dict = 1 << 30;
    for (int i = 0; i < 4; i++) {
      header[1 + i] = (byte) (dict >>> (8 * i));
    }
    for (int i = 5; i < 13; i++) {
      header[i] = (byte) 0xFF; // size unknown
    }
    assertThatThrownBy(() -> new XzCompressor().decompress(header, 64L * 1024 * 1024))
        .isInstanceOf(DecompressionLimitExceededException.class)
        .hasMessageContaining("KiB of decoder memory");
  }

  @Test
  @DisplayName("accepts only the legacy headers liblzma accepts")
  void lzmaAloneHeaderChecks() {
    byte[] valid = {0x5D, 0, 0, (byte) 0x80, 0, -1, -1, -1, -1, -1, -1, -1, -1};
    assertThat(XzCompressor.hasPlausibleLzmaAloneHeader(valid)).isTrue();
    byte[] oddDictionary = valid.clone();
    oddDictionary[1] = 1; // 8 MiB + 1
    assertThat(XzCompressor.hasPlausibleLzmaAloneHeader(oddDictionary)).isFalse();
    byte[] badProperties = valid.clone();
    badProperties[0] = (byte) 225;
    assertThat(XzCompressor.hasPlausibleLzmaAloneHeader(badProperties)).isFalse();
    assertThat(XzCompressor.hasPlausibleLzmaAloneHeader(new byte[5])).isFalse();
  }

  @Test
  @DisplayName("shrinks the dictionary to the body, so a small body needs little memory on either side")
  void dictionaryShrinks() {
    byte[] compressed = new XzCompressor().compress(BODY);
    // Block header after the 12-byte stream header: size, flags, filter id 0x21 (LZMA2), props size 1, dict byte.
    assertThat(compressed[12 + 2]).isEqualTo((byte) 0x21);
    int dictByte = compressed[12 + 4];
    assertThat(dictByte).as("LZMA2 dictionary byte for 4 KiB").isEqualTo(0);
  }

  @Test
  @DisplayName("allows at least 96 MiB of decoder memory, and more when the output limit is higher")
  void decoderMemoryLimit() {
    assertThat(XzCompressor.decoderMemoryLimitKiB(1)).isEqualTo(96 * 1024);
    assertThat(XzCompressor.decoderMemoryLimitKiB(1L << 30)).isEqualTo(1 << 20);
    assertThat(XzCompressor.decoderMemoryLimitKiB(Long.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
  }
}
