package io.kombu.transport.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PythonJson writes what Python's json.dumps writes")
class PythonJsonTest {
  @Test
  @DisplayName("the envelope of the wire sample is written byte for byte as Kombu stored it")
  void wireSampleEnvelope() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("exchange", "wire.direct");
    info.put("routing_key", "wire.key");
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("message_id", "00000000-0000-0000-0000-000000000001");
    props.put("delivery_mode", 2);
    props.put("delivery_info", info);
    props.put("priority", 7);
    props.put("body_encoding", "base64");
    props.put("delivery_tag", "981070da-230f-4467-8f5a-7ee6555c2a4a");
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("body", "eyJraW5kIjogImRpcmVjdCIsICJuIjogMX0=");
    envelope.put("content-encoding", "utf-8");
    envelope.put("content-type", "application/json");
    envelope.put("headers", Map.of("x-h", 1));
    envelope.put("properties", props);

    assertThat(PythonJson.dumps(envelope)).isEqualTo("{\"body\": \"eyJraW5kIjogImRpcmVjdCIsICJuIjogMX0=\", "
        + "\"content-encoding\": \"utf-8\", \"content-type\": \"application/json\", \"headers\": {\"x-h\": 1}, "
        + "\"properties\": {\"message_id\": \"00000000-0000-0000-0000-000000000001\", \"delivery_mode\": 2, "
        + "\"delivery_info\": {\"exchange\": \"wire.direct\", \"routing_key\": \"wire.key\"}, \"priority\": 7, "
        + "\"body_encoding\": \"base64\", \"delivery_tag\": \"981070da-230f-4467-8f5a-7ee6555c2a4a\"}}");
  }

  @Test
  @DisplayName("non-ASCII and control characters are escaped as Python's ensure_ascii does")
  void escapes() {
    assertThat(PythonJson.dumps("é\u20ac\uD83D\uDE00\"\\\n\t\u0001\u007f"))
        .isEqualTo("\"\\u00e9\\u20ac\\ud83d\\ude00\\\"\\\\\\n\\t\\u0001\\u007f\"");
  }

  @Test
  @DisplayName("floats follow Python's repr")
  void floats() {
    assertThat(PythonJson.dumps(List.of(1.0, 0.1, 1.5e-5, 1e16, 123456.789, -2.5, 1e22, 0.0001, Double.NaN)))
        .isEqualTo("[1.0, 0.1, 1.5e-05, 1e+16, 123456.789, -2.5, 1e+22, 0.0001, NaN]");
  }

  @Test
  @DisplayName("null, booleans, nested lists and big integers are written as JSON")
  void scalars() {
    assertThat(PythonJson.dumps(Arrays.asList(null, true, false, List.of(1L << 40), "x")))
        .isEqualTo("[null, true, false, [1099511627776], \"x\"]");
  }

  @Test
  @DisplayName("reading keeps key order and gives Integer or Long by size")
  void loads() {
    Object v = PythonJson.loads("{\"b\": 1, \"a\": 1099511627776, \"c\": [NaN, 1.5]}");

    assertThat(v).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) v;
    assertThat(m.keySet().toString()).isEqualTo("[b, a, c]");
    assertThat(m.get("b")).isEqualTo(1);
    assertThat(m.get("a")).isEqualTo(1099511627776L);
  }

  @Test
  @DisplayName("reading gives each integer the smallest of Integer, Long and BigInteger that holds it")
  void integerTypesAtTheirBoundaries() {
    @SuppressWarnings("unchecked")
    List<Object> v = (List<Object>) PythonJson.loads(
        "[2147483647, -2147483648, 2147483648, -2147483649, 9223372036854775807, -9223372036854775808,"
            + " 9223372036854775808, -9223372036854775809, [{\"n\": 0}]]");

    assertThat(v).containsExactly(Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648L, -2147483649L, Long.MAX_VALUE,
        Long.MIN_VALUE, new BigInteger("9223372036854775808"), new BigInteger("-9223372036854775809"),
        List.of(Map.of("n", 0)));
    assertThat(((Map<?, ?>) ((List<?>) v.get(8)).get(0)).get("n")).isInstanceOf(Integer.class);
  }

  @Test
  @DisplayName("invalid text and values JSON cannot hold fail with Kombu exceptions")
  void errors() {
    assertThatThrownBy(() -> PythonJson.loads("{nope")).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> PythonJson.dumps(Map.of("k", new Object()))).isInstanceOf(EncodeException.class);
  }
}
