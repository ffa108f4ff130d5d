package io.kombu.serialization.pickle;

import static io.kombu.serialization.TestValues.comparable;
import static io.kombu.serialization.TestValues.list;
import static io.kombu.serialization.TestValues.map;
import static io.kombu.serialization.TestValues.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PickleSerializer (decode only)")
class PickleSerializerTest {
  private final PickleSerializer pickle = new PickleSerializer();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain.pickle", "plain.pickle0", "plain.pickle1", "plain.pickle2", "plain.pickle3",
      "plain.pickle4", "plain.pickle5"})
  @DisplayName("reads plain data Python pickled, in every protocol, with dict order kept")
  void plainData(String file) {
    Object decoded = pickle.decode(resource("/golden/" + file));

    Map<Object, Object> expected = map("a", list(1, 2.5, null, true, false), "b", list(1, "two"),
        "c", new byte[] {0, (byte) 0xff}, "d", BigInteger.TWO.pow(100), "e", "h\u00e9", "f", -7,
        "g", map("nested", list()));
    assertThat(comparable(decoded)).isEqualTo(comparable(expected));
    assertThat(new ArrayList<Object>(((Map<?, ?>) decoded).keySet())).containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  @DisplayName("refuses a payload that calls os.system, naming the class")
  void osSystem() {
    assertThatThrownBy(() -> pickle.decode(resource("/golden/os-system.pickle")))
        .isInstanceOf(DecodeException.class)
        .hasMessage("pickle payload references class os.system; only plain data is allowed");
  }

  @Test
  @DisplayName("refuses a pickled datetime, which needs a class")
  void datetime() {
    assertThatThrownBy(() -> pickle.decode(resource("/golden/datetime.pickle")))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("references class datetime.datetime");
  }

  @Test
  @DisplayName("refuses truncated payloads and absurd declared lengths")
  void broken() {
    assertThatThrownBy(() -> pickle.decode(HexFormat.of().parseHex("80045dff"))).isInstanceOf(DecodeException.class);
    // BINUNICODE claiming 4 GiB
    assertThatThrownBy(() -> pickle.decode(HexFormat.of().parseHex("8004" + "58ffffffff" + "61" + "2e")))
        .isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
  }

  @Test
  @DisplayName("never writes pickle, and says what to use instead")
  void noEncode() {
    assertThatThrownBy(() -> pickle.encode(Map.of("a", 1))).isInstanceOf(EncodeException.class)
        .hasMessageContaining("does not write pickle").hasMessageContaining("json");
    assertThat(pickle.insecure()).isTrue();
    assertThat(pickle.contentType()).isEqualTo("application/x-python-serialize");
  }
}
