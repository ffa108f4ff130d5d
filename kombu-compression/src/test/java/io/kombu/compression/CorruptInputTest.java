package io.kombu.compression;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecodeException;
import io.kombu.DecompressionLimitExceededException;
import io.kombu.spi.Compressor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every codec, given bytes it did not write,")
class CorruptInputTest {
  private static final long LIMIT = 64L * TestBodies.MIB;

  static Stream<Compressor> codecs() {
    return Codecs.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("throws DecodeException with the library's error as cause for plain text")
  void plainText(Compressor codec) {
    byte[] garbage = "this is not compressed at all, just a JSON body: {\"a\": 1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.decompress(garbage, LIMIT))
        .isInstanceOf(DecodeException.class)
        .isNotInstanceOf(DecompressionLimitExceededException.class)
        .hasMessageContaining("cannot decompress " + codec.name() + " body");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("throws DecodeException for a truncated body")
  void truncated(Compressor codec) {
    byte[] compressed = codec.compress(TestBodies.compressible(200_000));
    byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);
    assertThatThrownBy(() -> codec.decompress(cut, LIMIT))
        .isInstanceOf(DecodeException.class)
        .isNotInstanceOf(DecompressionLimitExceededException.class)
        .hasMessageContaining(codec.name());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("throws DecodeException with a cause when a byte in the middle is flipped")
  void flippedByte(Compressor codec) {
    byte[] compressed = codec.compress(TestBodies.compressible(200_000));
    byte[] damaged = compressed.clone();
    for (int i = damaged.length / 3; i < damaged.length / 3 + 16; i++) {
      damaged[i] ^= (byte) 0x5A;
    }
    assertThatThrownBy(() -> codec.decompress(damaged, LIMIT))
        .isInstanceOf(DecodeException.class)
        .isNotInstanceOf(DecompressionLimitExceededException.class)
        .hasCauseInstanceOf(Exception.class);
  }
}
