package io.kombu.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecompressionLimitExceededException;
import io.kombu.spi.Compressor;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Every codec")
class CodecRoundTripTest {
  private static final long LIMIT = 64L * TestBodies.MIB;
  private static final byte[] TEN_MIB = TestBodies.compressible(10 * TestBodies.MIB);
  private static final byte[] RANDOM_MIB = TestBodies.random(TestBodies.MIB);

  static Stream<Compressor> codecs() {
    return Codecs.all();
  }

  static Stream<Compressor> quickCodecs() {
    return Codecs.quick();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("round-trips an empty body")
  void emptyBody(Compressor codec) {
    byte[] compressed = codec.compress(new byte[0]);
    assertThat(codec.decompress(compressed, LIMIT)).isEmpty();
    assertThat(codec.decompress(compressed, 0)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("round-trips a small body")
  void smallBody(Compressor codec) {
    byte[] body = TestBodies.small();
    assertThat(codec.decompress(codec.compress(body), LIMIT)).isEqualTo(body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quickCodecs")
  @DisplayName("round-trips a 10 MiB compressible body and makes it smaller")
  void largeCompressibleBody(Compressor codec) {
    byte[] compressed = codec.compress(TEN_MIB);
    assertThat(compressed.length).isLessThan(TEN_MIB.length / 2);
    assertThat(codec.decompress(compressed, LIMIT)).isEqualTo(TEN_MIB);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("round-trips a 1 MiB random (incompressible) body")
  void randomBody(Compressor codec) {
    byte[] compressed = codec.compress(RANDOM_MIB);
    assertThat(codec.decompress(compressed, LIMIT)).isEqualTo(RANDOM_MIB);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("accepts a body of exactly the limit and refuses one byte more")
  void limitIsInclusive(Compressor codec) {
    byte[] body = TestBodies.compressible(100_000);
    byte[] compressed = codec.compress(body);
    assertThat(codec.decompress(compressed, body.length)).isEqualTo(body);
    assertThatThrownBy(() -> codec.decompress(compressed, body.length - 1))
        .isInstanceOf(DecompressionLimitExceededException.class)
        .hasMessageContaining("exceeds the limit of " + (body.length - 1) + " bytes")
        .hasMessageContaining("if this message is legitimate");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  @DisplayName("rejects a negative limit as a programming error")
  void negativeLimit(Compressor codec) {
    byte[] compressed = codec.compress(TestBodies.small());
    assertThatThrownBy(() -> codec.decompress(compressed, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
