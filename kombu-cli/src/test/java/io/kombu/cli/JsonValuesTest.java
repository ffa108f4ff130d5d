package io.kombu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JSON values of the command line")
class JsonValuesTest {
  @Test
  @DisplayName("bytes become base64 and dates ISO text, inside maps and lists")
  void plainValues() {
    Object value = Map.of("raw", new byte[] {1, 2, 3}, "when", List.of(new Date(0)));

    assertThat(JsonValues.write(value)).contains("\"raw\":\"AQID\"").contains("\"when\":[\"1970-01-01T00:00:00Z\"]");
  }

  @Test
  @DisplayName("invalid --json text is a clear argument error")
  void invalidJson() {
    assertThatThrownBy(() -> JsonValues.parse("{\"a\": }"))
        .isInstanceOf(CliArgumentException.class)
        .hasMessageStartingWith("--json is not valid JSON");
  }
}
