package io.kombu.compression.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecompressionLimitExceededException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BoundedOutput")
class BoundedOutputTest {

  @Test
  @DisplayName("collects writes in order and grows past its first capacity")
  void grows() {
    BoundedOutput out = new BoundedOutput("test", 10_000, 0);
    byte[] chunk = new byte[300];
    for (int i = 0; i < 30; i++) {
      java.util.Arrays.fill(chunk, (byte) i);
      out.write(chunk, 0, chunk.length);
    }
    byte[] all = out.toByteArray();
    assertThat(all).hasSize(9000);
    assertThat(all[0]).isEqualTo((byte) 0);
    assertThat(all[8999]).isEqualTo((byte) 29);
  }

  @Test
  @DisplayName("accepts exactly the limit and refuses the next byte, naming the codec and the limit")
  void limit() {
    BoundedOutput out = new BoundedOutput("zstd", 5, 1 << 20);
    out.write(new byte[] {1, 2, 3, 4, 5}, 0, 5);
    assertThatThrownBy(() -> out.write(new byte[] {6}, 0, 1))
        .isInstanceOf(DecompressionLimitExceededException.class)
        .hasMessage("decompressed zstd body exceeds the limit of 5 bytes; " + BoundedOutput.RAISE_HINT);
    assertThat(out.toByteArray()).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  @DisplayName("does not trust a huge size hint: the first allocation is capped by the limit")
  void hintCappedByLimit() {
    BoundedOutput out = new BoundedOutput("test", 16, Long.MAX_VALUE);
    out.write(new byte[16], 0, 16);
    assertThat(out.toByteArray()).hasSize(16);
  }

  @Test
  @DisplayName("rejects a negative limit")
  void negativeLimit() {
    assertThatThrownBy(() -> new BoundedOutput("test", -1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
