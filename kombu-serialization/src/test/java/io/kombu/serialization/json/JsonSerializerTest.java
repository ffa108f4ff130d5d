package io.kombu.serialization.json;

import static io.kombu.serialization.TestValues.list;
import static io.kombu.serialization.TestValues.map;
import static io.kombu.serialization.TestValues.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("JsonSerializer")
class JsonSerializerTest {
  private final JsonSerializer json = new JsonSerializer();

  private String text(Object value) {
    return new String(json.encode(value), StandardCharsets.US_ASCII);
  }

  private Object read(String text) {
    return json.decode(text.getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  @DisplayName("Kombu 5.3+ typed markers")
  class TypedMarkers {
    /** Hand-written from the spec (Debian's Kombu 5.2.4 cannot produce them), in golden/typed-markers-5.3.json. */
    private final List<Object> values =
        list(
            OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 250_000_000, ZoneOffset.UTC),
            LocalDateTime.of(2024, 5, 1, 12, 30),
            OffsetDateTime.of(2024, 5, 1, 12, 30, 5, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30)),
            OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHours(-8)),
            LocalDate.of(2024, 5, 1),
            LocalTime.of(12, 30, 0, 1000),
            LocalTime.of(23, 59, 59),
            OffsetTime.of(8, 0, 0, 0, ZoneOffset.ofHours(2)),
            new BigDecimal("3.14159"),
            new BigDecimal("1E+2"),
            new BigDecimal("-0.0000001"),
            UUID.fromString("12345678-1234-5678-1234-567812345678"),
            "h\u00e9llo".getBytes(StandardCharsets.UTF_8),
            new byte[] {0, 1, (byte) 0xff});

    @Test
    @DisplayName("encodes dates, times, decimals, UUIDs and bytes to exactly the hand-written golden bytes")
    void encodesGolden() {
      assertThat(json.encode(values)).asString(StandardCharsets.US_ASCII)
          .isEqualTo(new String(resource("/golden/typed-markers-5.3.json"), StandardCharsets.US_ASCII).strip());
    }

    @Test
    @DisplayName("decodes the golden markers back to the same Java values")
    void decodesGolden() {
      List<?> decoded = (List<?>) json.decode(resource("/golden/typed-markers-5.3.json"));

      assertThat(decoded).hasSize(values.size());
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) instanceof byte[] bytes) {
          assertThat((byte[]) decoded.get(i)).isEqualTo(bytes);
        } else {
          assertThat(decoded.get(i)).as("item %d", i).isEqualTo(values.get(i));
        }
      }
    }

    @Test
    @DisplayName("writes Instant, ZonedDateTime and Date as a datetime with the +00:00 or zone offset")
    void instantsAndZones() {
      assertThat(text(Instant.parse("2024-05-01T12:30:00Z")))
          .isEqualTo("{\"__type__\": \"datetime\", \"__value__\": \"2024-05-01T12:30:00+00:00\"}");
      assertThat(text(ZonedDateTime.of(2024, 1, 15, 9, 0, 0, 0, ZoneId.of("Europe/Paris"))))
          .isEqualTo("{\"__type__\": \"datetime\", \"__value__\": \"2024-01-15T09:00:00+01:00\"}");
      assertThat(text(java.util.Date.from(Instant.parse("2024-05-01T12:30:00.5Z"))))
          .isEqualTo("{\"__type__\": \"datetime\", \"__value__\": \"2024-05-01T12:30:00.500000+00:00\"}");
    }

    @Test
    @DisplayName("drops sub-microsecond digits, which Python cannot hold")
    void truncatesNanoseconds() {
      assertThat(text(LocalTime.of(1, 2, 3, 123_456_789)))
          .isEqualTo("{\"__type__\": \"time\", \"__value__\": \"01:02:03.123456\"}");
    }

    @Test
    @DisplayName("reads a Z suffix and a space separator, as Python's fromisoformat does")
    void lenientDateTimes() {
      assertThat(read("{\"__type__\": \"datetime\", \"__value__\": \"2024-05-01 12:30:00Z\"}"))
          .isEqualTo(OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 0, ZoneOffset.UTC));
      assertThat(read("{\"__type__\": \"date\", \"__value__\": \"2024-05-01T00:00:00\"}"))
          .isEqualTo(LocalDate.of(2024, 5, 1));
    }

    @Test
    @DisplayName("refuses an object with exactly the two marker keys and an unknown __type__")
    void unknownType() {
      assertThatThrownBy(() -> read("{\"__type__\": \"frozenset\", \"__value__\": [1]}"))
          .isInstanceOf(DecodeException.class)
          .hasMessageContaining("unknown __type__ \"frozenset\"");
    }

    @Test
    @DisplayName("refuses a marker whose value does not parse, keeping the cause")
    void badValue() {
      assertThatThrownBy(() -> read("{\"__type__\": \"datetime\", \"__value__\": \"yesterday\"}"))
          .isInstanceOf(DecodeException.class)
          .hasCauseInstanceOf(java.time.DateTimeException.class);
      assertThatThrownBy(() -> read("{\"__type__\": \"uuid\", \"__value__\": {\"hex\": \"xyz\"}}"))
          .isInstanceOf(DecodeException.class);
      assertThatThrownBy(() -> read("{\"__type__\": \"decimal\", \"__value__\": \"NaN\"}"))
          .isInstanceOf(DecodeException.class);
    }

    @Test
    @DisplayName("keeps objects with a third key, and Kombu 5.2's plain date strings, as they are")
    void notMarkers() {
      assertThat(read("{\"__type__\": \"date\", \"__value__\": \"2024-05-01\", \"x\": 1}"))
          .isEqualTo(map("__type__", "date", "__value__", "2024-05-01", "x", 1));
      assertThat(read("\"2024-05-01T12:30:00.250000Z\"")).isEqualTo("2024-05-01T12:30:00.250000Z");
    }
  }

  @Nested
  @DisplayName("Python's json.dumps details")
  class PythonDetails {
    @Test
    @DisplayName("turns number, boolean and null keys into text as Python does, and refuses other keys")
    void keys() {
      assertThat(text(map(1, "a", 1.5, "b", true, "c", null, "d"))).isEqualTo(
          "{\"1\": \"a\", \"1.5\": \"b\", \"true\": \"c\", \"null\": \"d\"}");
      assertThatThrownBy(() -> json.encode(Map.of(List.of(1), "x"))).isInstanceOf(EncodeException.class)
          .hasMessageContaining("map keys");
    }

    @Test
    @DisplayName("writes a Float as the decimal it prints as, not its binary expansion")
    void floats() {
      assertThat(text(0.1f)).isEqualTo("0.1");
      assertThat(text(new int[] {1, 2})).isEqualTo("[1, 2]");
    }

    @Test
    @DisplayName("uses a JsonConvertible's value in its place")
    void convertible() {
      JsonConvertible point = () -> map("x", 1, "y", 2);
      assertThat(text(list(point))).isEqualTo("[{\"x\": 1, \"y\": 2}]");
    }

    @Test
    @DisplayName("refuses a type it cannot write, naming it and what to do")
    void unknownType() {
      assertThatThrownBy(() -> json.encode(new Object())).isInstanceOf(EncodeException.class)
          .hasMessageContaining("java.lang.Object").hasMessageContaining("JsonConvertible");
    }

    @Test
    @DisplayName("decodes integers to the smallest of Integer, Long and BigInteger")
    void integerTypes() {
      assertThat(read("[1, 3000000000, 30000000000000000000]")).isEqualTo(
          list(1, 3000000000L, new java.math.BigInteger("30000000000000000000")));
    }
  }

  @Nested
  @DisplayName("hostile and broken input")
  class Hostile {
    @Test
    @DisplayName("refuses 100,000 nested arrays with a DecodeException, not a StackOverflowError")
    void nestingBomb() {
      byte[] bomb = "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);

      assertThatThrownBy(() -> json.decode(bomb)).isInstanceOf(DecodeException.class)
          .hasMessageContaining("nesting depth");
    }

    @Test
    @DisplayName("accepts nesting up to the limit and honours a raised limit")
    void nestingLimit() {
      String deep = "[".repeat(1000) + "]".repeat(1000);
      assertThat(read(deep)).isInstanceOf(List.class);
      byte[] deeper = ("[".repeat(1500) + "]".repeat(1500)).getBytes(StandardCharsets.US_ASCII);
      assertThatThrownBy(() -> json.decode(deeper)).isInstanceOf(DecodeException.class);
      assertThat(JsonSerializer.builder().maxNestingDepth(2000).build().decode(deeper)).isInstanceOf(List.class);
    }

    @Test
    @DisplayName("refuses to encode a self-containing list instead of overflowing the stack")
    void cycle() {
      List<Object> loop = new ArrayList<>();
      loop.add(loop);

      assertThatThrownBy(() -> json.encode(loop)).isInstanceOf(EncodeException.class).hasMessageContaining("cycle");
    }

    @Test
    @DisplayName("refuses trailing data, empty bodies, invalid UTF-8 and syntax errors")
    void broken() {
      assertThatThrownBy(() -> read("{} {}")).isInstanceOf(DecodeException.class).hasMessageContaining("extra data");
      assertThatThrownBy(() -> json.decode(new byte[0])).isInstanceOf(DecodeException.class);
      assertThatThrownBy(() -> json.decode(new byte[] {'"', (byte) 0xff, '"'})).isInstanceOf(DecodeException.class);
      assertThatThrownBy(() -> read("{'a': 1}")).isInstanceOf(DecodeException.class)
          .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    @DisplayName("refuses a number longer than Python's 4300-digit limit")
    void longNumber() {
      assertThatThrownBy(() -> read("1".repeat(5000))).isInstanceOf(DecodeException.class);
    }
  }
}
