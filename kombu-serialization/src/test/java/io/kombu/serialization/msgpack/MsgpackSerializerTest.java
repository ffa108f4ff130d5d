package io.kombu.serialization.msgpack;

import static io.kombu.serialization.TestValues.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MsgpackSerializer")
class MsgpackSerializerTest {
  private final MsgpackSerializer msgpack = new MsgpackSerializer();

  @Test
  @DisplayName("is Kombu's msgpack entry: application/x-msgpack, binary, insecure")
  void identity() {
    assertThat(msgpack.name()).isEqualTo("msgpack");
    assertThat(msgpack.contentType()).isEqualTo("application/x-msgpack");
    assertThat(msgpack.contentEncoding()).isEqualTo("binary");
    assertThat(msgpack.insecure()).isTrue();
  }

  @Test
  @DisplayName("refuses 100,000 nested arrays with a DecodeException, not a StackOverflowError")
  void nestingBomb() {
    byte[] bomb = new byte[100_000];
    Arrays.fill(bomb, (byte) 0x91);

    assertThatThrownBy(() -> msgpack.decode(bomb)).isInstanceOf(DecodeException.class).hasMessageContaining("deeper");
  }

  @Test
  @DisplayName("refuses a declared length larger than the body before allocating it")
  void hugeDeclaredLength() {
    byte[] str32 = HexFormat.of().parseHex("db7ffffff0616263");
    byte[] array32 = HexFormat.of().parseHex("dd7ffffff001");
    byte[] beyondInt = HexFormat.of().parseHex("c6fffffff0616263");

    assertThatThrownBy(() -> msgpack.decode(str32)).isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> msgpack.decode(array32)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> msgpack.decode(beyondInt)).isInstanceOf(DecodeException.class)
        .hasMessageContaining("2 GiB");
  }

  @Test
  @DisplayName("refuses trailing bytes, invalid UTF-8 in str, non-string map keys and unknown extensions")
  void broken() {
    assertThatThrownBy(() -> msgpack.decode(new byte[] {1, 2})).isInstanceOf(DecodeException.class)
        .hasMessageContaining("extra data");
    assertThatThrownBy(() -> msgpack.decode(HexFormat.of().parseHex("a1ff"))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> msgpack.decode(HexFormat.of().parseHex("810102"))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("map key");
    assertThatThrownBy(() -> msgpack.decode(HexFormat.of().parseHex("d40501"))).isInstanceOf(DecodeException.class)
        .hasMessageContaining("extension type 5");
    assertThatThrownBy(() -> msgpack.decode(new byte[0])).isInstanceOf(DecodeException.class);
  }

  @Test
  @DisplayName("reads the timestamp extension as an Instant")
  void timestamp() {
    // fixext4, type -1, seconds 1700000000
    assertThat(msgpack.decode(HexFormat.of().parseHex("d6ff6553f100"))).isEqualTo(Instant.ofEpochSecond(1700000000));
  }

  @Test
  @DisplayName("encodes integers up to 2^64-1 and refuses larger ones, as Python's msgpack does")
  void integerRange() {
    BigInteger max = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
    assertThat(msgpack.decode(msgpack.encode(max))).isEqualTo(max);
    assertThatThrownBy(() -> msgpack.encode(max.add(BigInteger.ONE))).isInstanceOf(EncodeException.class);
    assertThatThrownBy(() -> msgpack.encode(BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE)))
        .isInstanceOf(EncodeException.class);
  }

  @Test
  @DisplayName("refuses types Python's msgpack cannot hold and self-containing lists")
  void refusals() {
    assertThatThrownBy(() -> msgpack.encode(UUID.randomUUID())).isInstanceOf(EncodeException.class)
        .hasMessageContaining("java.util.UUID");
    List<Object> loop = new ArrayList<>();
    loop.add(loop);
    assertThatThrownBy(() -> msgpack.encode(loop)).isInstanceOf(EncodeException.class);
  }

  @Test
  @DisplayName("round-trips bytes, strings, nested maps and floats with their Java types")
  void roundTrip() {
    Object value = Map.of("k", list(new byte[] {1, 2}, "s", 1.25, null, true, -5, Long.MIN_VALUE));

    Object decoded = msgpack.decode(msgpack.encode(value));

    List<?> items = (List<?>) ((Map<?, ?>) decoded).get("k");
    assertThat((byte[]) items.get(0)).containsExactly(1, 2);
    assertThat(new ArrayList<Object>(items.subList(1, items.size()))).containsExactly("s", 1.25, null, true, -5, Long.MIN_VALUE);
  }
}
