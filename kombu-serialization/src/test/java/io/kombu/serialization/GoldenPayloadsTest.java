package io.kombu.serialization;

import static io.kombu.serialization.TestValues.comparable;
import static io.kombu.serialization.TestValues.list;
import static io.kombu.serialization.TestValues.map;
import static io.kombu.serialization.TestValues.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.serialization.json.JsonSerializer;
import io.kombu.serialization.msgpack.MsgpackSerializer;
import io.kombu.serialization.yaml.YamlSerializer;
import io.kombu.spi.Serializer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the codecs with payloads Python Kombu 5.2.4 wrote (src/test/python/make_golden.py): the same values are
 * defined here, decoded from Python's bytes, and encoded back to exactly Python's bytes.
 */
@DisplayName("Golden payloads written by Python Kombu")
class GoldenPayloadsTest {
  private static final Map<String, Serializer> SERIALIZERS =
      Map.of("json", new JsonSerializer(), "msgpack", new MsgpackSerializer(), "yaml", new YamlSerializer());

  /** The values of make_golden.py's CASES, with the Java types the decoders give. */
  static Map<String, Object> cases() {
    Map<String, Object> cases = new LinkedHashMap<>();
    cases.put("nested", map("a", map("b", list(1, 2, map("c", null))), "d", true, "e", false, "f", "x"));
    cases.put(
        "unicode",
        map(
            "text", "h\u00e9llo \u2603 \uD83D\uDE00",
            "\u043a\u043b\u044e\u0447", "\u0437\u043d\u0430\u0447\u0435\u043d\u0438\u0435",
            "escapes", "a\"b\\c\n\t\r\b\f\u0001\u007f/"));
    cases.put("unicode-yaml", map("text", "h\u00e9llo \u2603", "plain", "simple words"));
    cases.put(
        "floats",
        list(0.0, -0.0, 1.5, 0.1, 1e-05, 0.0001, 1e16, 1e15, 123456789.123, 1.7976931348623157e308, 5e-324, 2.5e-07,
            1e22, 100.0, -3.25, 1.0 / 3.0));
    cases.put(
        "ints",
        list(0, -1, 127, 128, 255, 256, 65535, 65536, 2147483647, 2147483648L, 4294967296L, 9223372036854775807L,
            -9223372036854775808L, -33, -32, -129, -32769, -2147483649L));
    cases.put("uint64", list(new BigInteger("18446744073709551615"), new BigInteger("9223372036854775808")));
    cases.put("bigint", list(BigInteger.TWO.pow(100), BigInteger.TWO.pow(100).negate()));
    cases.put("nonfinite", list(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    cases.put("scalars", list(true, false, null, "yes", "null", "123", ""));
    cases.put("empty", map("l", list(), "m", map(), "s", ""));
    cases.put(
        "celery-body",
        list(list(2, 3), map(), map("callbacks", null, "errbacks", null, "chain", null, "chord", null)));
    cases.put("bytes", map("bin", new byte[] {0, 1, (byte) 0xff}, "empty", new byte[0], "text", "abc".getBytes()));
    Map<Object, Object> map16 = new LinkedHashMap<>();
    IntStream.range(0, 17).forEach(i -> map16.put(String.format("k%02d", i), i));
    byte[] bin16 = new byte[257];
    IntStream.range(0, 256).forEach(i -> bin16[i] = (byte) i);
    bin16[256] = '!';
    cases.put(
        "sizes",
        map("str16", "x".repeat(300), "str8", "y".repeat(40),
            "array16", new ArrayList<Object>(IntStream.range(0, 20).boxed().toList()), "map16", map16, "bin16", bin16));
    cases.put("top-string", "just a string");
    cases.put("top-int", 42);
    return cases;
  }

  static Stream<Arguments> goldenFiles() {
    List<Arguments> out = new ArrayList<>();
    cases().forEach((name, value) -> {
      for (String serializer : List.of("json", "msgpack", "yaml")) {
        if (TestValues.class.getResource("/golden/" + name + "." + serializer) != null) {
          out.add(Arguments.of(name + "." + serializer, serializer, value));
        }
      }
    });
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  @DisplayName("decodes Python's payload to the expected value, key order included")
  void decodesPythonPayload(String file, String serializer, Object expected) {
    Object decoded = SERIALIZERS.get(serializer).decode(resource("/golden/" + file));

    assertThat(comparable(decoded)).isEqualTo(comparable(expected));
    if (expected instanceof Map<?, ?> map && !"yaml".equals(serializer)) {
      assertThat(new ArrayList<Object>(((Map<?, ?>) decoded).keySet())).containsExactlyElementsOf(new ArrayList<Object>(map.keySet()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenFiles")
  @DisplayName("encodes the value to exactly Python's bytes (byte-for-byte)")
  void encodesPythonBytes(String file, String serializer, Object value) {
    byte[] encoded = SERIALIZERS.get(serializer).encode(value);

    byte[] python = resource("/golden/" + file);
    assertThat(HexFormat.of().formatHex(encoded))
        .as("%s as text: %s", file, new String(encoded, StandardCharsets.UTF_8))
        .isEqualTo(HexFormat.of().formatHex(python));
  }

  @Test
  @DisplayName("formats 570 seeded random doubles exactly as Python's json (repr) does, and reads them back")
  void randomFloatsMatchPythonRepr() {
    JsonSerializer json = new JsonSerializer();
    String[] lines = new String(resource("/golden/random-floats.txt"), StandardCharsets.US_ASCII).split("\n");
    int checked = 0;
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t");
      double value = Double.parseDouble(parts[0]);
      assertThat(new String(json.encode(value), StandardCharsets.US_ASCII)).as(parts[0]).isEqualTo(parts[1]);
      assertThat(json.decode(parts[1].getBytes(StandardCharsets.US_ASCII))).as(parts[1]).isEqualTo(value);
      checked++;
    }
    assertThat(checked).isGreaterThan(500);
  }
}
