package io.kombu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TransportOptions")
class TransportOptionsTest {
  private final TransportOptions options = TransportOptions.of(Map.of(
      "polling_interval", 0.25,
      "visibility_timeout", "3600",
      "max_connections", 10,
      "global_keyprefix", "app:",
      "socket_keepalive", "yes",
      "ssl", false,
      "wait", Duration.ofMillis(1500)));

  @Test
  @DisplayName("defaults() holds nothing, so every getter returns its fallback")
  void defaults() {
    TransportOptions none = TransportOptions.defaults();
    assertThat(none.asMap()).isEmpty();
    assertThat(none.getInt("x", 7)).isEqualTo(7);
    assertThat(none.getString("x", "f")).isEqualTo("f");
    assertThat(none.getString("x")).isEmpty();
    assertThat(none.getDuration("x", null)).isNull();
    assertThat(none.getBoolean("x", true)).isTrue();
  }

  @Test
  @DisplayName("numbers of seconds, fractions included, become Durations, as Kombu's options are seconds")
  void secondsToDuration() {
    assertThat(options.getDuration("polling_interval", null)).isEqualTo(Duration.ofMillis(250));
    assertThat(options.getDuration("visibility_timeout", null)).isEqualTo(Duration.ofHours(1));
    assertThat(options.getDuration("wait", null)).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.getDuration("missing", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("numbers are read from numbers and from text")
  void numbers() {
    assertThat(options.getInt("max_connections", 0)).isEqualTo(10);
    assertThat(options.getLong("visibility_timeout", 0)).isEqualTo(3600L);
    assertThat(options.getDouble("polling_interval", 0)).isEqualTo(0.25);
  }

  @Test
  @DisplayName("booleans accept Kombu's spellings")
  void booleans() {
    assertThat(options.getBoolean("socket_keepalive", false)).isTrue();
    assertThat(options.getBoolean("ssl", true)).isFalse();
    assertThat(TransportOptions.of(Map.of("b", "OFF")).getBoolean("b", true)).isFalse();
    assertThat(TransportOptions.of(Map.of("b", 1)).getBoolean("b", false)).isTrue();
  }

  @Test
  @DisplayName("a malformed value throws ConfigurationException naming the option")
  void malformed() {
    assertThatThrownBy(() -> options.getInt("global_keyprefix", 0)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("global_keyprefix");
    assertThatThrownBy(() -> options.getBoolean("global_keyprefix", false)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("global_keyprefix");
    assertThatThrownBy(() -> TransportOptions.of(Map.of("t", -1)).getDuration("t", null))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("negative");
  }

  @Test
  @DisplayName("with and merge return copies; the later options win")
  void withAndMerge() {
    TransportOptions a = TransportOptions.defaults().with("region", "eu-west-1");
    TransportOptions b = TransportOptions.of(Map.of("region", "us-east-1", "queue_name_prefix", "p-"));
    assertThat(TransportOptions.defaults().has("region")).isFalse();
    assertThat(a.merge(b).getString("region", "")).isEqualTo("us-east-1");
    assertThat(a.merge(b).asMap()).containsOnlyKeys("region", "queue_name_prefix");
    assertThat(a.getString("region", "")).isEqualTo("eu-west-1");
  }

  @Test
  @DisplayName("toString shows option names but never their values, which may be secrets")
  void toStringHidesValues() {
    TransportOptions secret = TransportOptions.of(Map.of("sentinel_kwargs_password", "hunter2"));
    assertThat(secret.toString()).contains("sentinel_kwargs_password").doesNotContain("hunter2");
  }
}
