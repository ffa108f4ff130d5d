package io.kombu.serialization.yaml;

import static io.kombu.serialization.TestValues.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("YamlSerializer")
class YamlSerializerTest {
  private final YamlSerializer yaml = new YamlSerializer();

  private Object read(String text) {
    return yaml.decode(text.getBytes(StandardCharsets.UTF_8));
  }

  private String text(Object value) {
    return new String(yaml.encode(value), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("refuses !!python and !!java class tags and global tags")
  void classTags() {
    assertThatThrownBy(() -> read("!!python/object/apply:os.system ['echo pwned']"))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> read("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]"))
        .isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> read("x: !<tag:example.com,2024:thing> 1")).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> read("x: !local 1")).isInstanceOf(DecodeException.class);
  }

  @Test
  @DisplayName("refuses a billion-laughs alias bomb")
  void aliasBomb() {
    StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }

    assertThatThrownBy(() -> read(bomb.toString())).isInstanceOf(DecodeException.class)
        .hasMessageContaining("aliases");
  }

  @Test
  @DisplayName("refuses deep nesting and documents beyond the code-point limit")
  void limits() {
    assertThatThrownBy(() -> read("[".repeat(100) + "]".repeat(100))).isInstanceOf(DecodeException.class);
    YamlSerializer small = YamlSerializer.builder().codePointLimit(100).build();
    assertThatThrownBy(() -> small.decode(("x: " + "y".repeat(200)).getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecodeException.class);
    assertThat(read("[".repeat(40) + "]".repeat(40))).isInstanceOf(List.class);
  }

  @Test
  @DisplayName("reads timestamps as PyYAML does: date, naive date-time, aware date-time")
  void timestamps() {
    assertThat(read("d: 2002-12-14")).isEqualTo(map("d", LocalDate.of(2002, 12, 14)));
    assertThat(read("t: 2001-12-14 21:59:43.10")).isEqualTo(map("t", LocalDateTime.of(2001, 12, 14, 21, 59, 43,
        100_000_000)));
    assertThat(read("t: 2001-12-14t21:59:43.10-05:00"))
        .isEqualTo(map("t", OffsetDateTime.of(2001, 12, 14, 21, 59, 43, 100_000_000, ZoneOffset.ofHours(-5))));
  }

  @Test
  @DisplayName("writes dates and date-times as PyYAML's safe_dump does and reads them back")
  void writesTimestamps() {
    OffsetDateTime t = OffsetDateTime.of(2024, 5, 1, 12, 30, 0, 250_000_000, ZoneOffset.UTC);

    assertThat(text(map("d", LocalDate.of(2024, 5, 1), "t", t)))
        .isEqualTo("d: 2024-05-01\nt: 2024-05-01 12:30:00.250000+00:00\n");
    assertThat(read(text(map("t", t)))).isEqualTo(map("t", t));
  }

  @Test
  @DisplayName("refuses types safe_dump cannot write, naming them")
  void refusals() {
    assertThatThrownBy(() -> yaml.encode(UUID.randomUUID())).isInstanceOf(EncodeException.class)
        .hasMessageContaining("java.util.UUID");
  }

  @Test
  @DisplayName("keeps lower-case escapes only when a string also holds a backslash (same value either way)")
  void escapesWithBackslash() {
    Object value = map("s", "\\ \u00e9");

    assertThat(read(text(value))).isEqualTo(value);
  }

  @Test
  @DisplayName("is Kombu's yaml entry: application/x-yaml, utf-8, insecure")
  void identity() {
    assertThat(yaml.name()).isEqualTo("yaml");
    assertThat(yaml.contentType()).isEqualTo("application/x-yaml");
    assertThat(yaml.contentEncoding()).isEqualTo("utf-8");
    assertThat(yaml.insecure()).isTrue();
  }
}
