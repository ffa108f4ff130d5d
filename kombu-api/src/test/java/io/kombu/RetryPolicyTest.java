package io.kombu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RetryPolicy")
class RetryPolicyTest {
  @Test
  @DisplayName("CONNECTION_DEFAULTS are ensure_connection's 2 s / 2 s / 30 s, retrying forever")
  void connectionDefaults() {
    RetryPolicy p = RetryPolicy.CONNECTION_DEFAULTS;
    assertThat(p.intervalStart()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.intervalStep()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.intervalMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.maxRetries()).isNull();
    assertThat(p.timeout()).isNull();
    assertThat(RetryPolicy.builder().build()).isEqualTo(p);
  }

  @Test
  @DisplayName("ENSURE_DEFAULTS are ensure's 1 s / 1 s / 1 s, retrying forever")
  void ensureDefaults() {
    RetryPolicy p = RetryPolicy.ENSURE_DEFAULTS;
    assertThat(p.intervalStart()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.intervalStep()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.intervalMax()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.maxRetries()).isNull();
  }

  @Test
  @DisplayName("CONNECT_ONCE allows exactly one retry")
  void connectOnce() {
    assertThat(RetryPolicy.CONNECT_ONCE.maxRetries()).isEqualTo(1);
  }

  @Test
  @DisplayName("a negative retry count is refused with the value in the message")
  void negativeRetries() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetries").hasMessageContaining("-1");
    assertThat(RetryPolicy.builder().maxRetries(0).build().maxRetries()).isZero();
  }

  @Test
  @DisplayName("negative intervals and timeouts are refused, naming the setting")
  void negativeDurations() {
    Duration minus = Duration.ofMillis(-1);
    assertThatThrownBy(() -> RetryPolicy.builder().intervalStart(minus)).hasMessageContaining("intervalStart");
    assertThatThrownBy(() -> RetryPolicy.builder().intervalStep(minus)).hasMessageContaining("intervalStep");
    assertThatThrownBy(() -> RetryPolicy.builder().intervalMax(minus)).hasMessageContaining("intervalMax");
    assertThatThrownBy(() -> RetryPolicy.builder().timeout(minus)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  @Test
  @DisplayName("null intervals are refused, a null timeout means no limit")
  void nulls() {
    assertThatNullPointerException().isThrownBy(() -> RetryPolicy.builder().intervalStart(null));
    assertThat(RetryPolicy.builder().timeout(Duration.ofSeconds(3)).timeout(null).build().timeout()).isNull();
  }

  @Test
  @DisplayName("toBuilder keeps every value")
  void toBuilder() {
    RetryPolicy p = RetryPolicy.builder().maxRetries(3).intervalStart(Duration.ZERO).intervalStep(Duration.ofMillis(5))
        .intervalMax(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(9)).build();
    assertThat(p.toBuilder().build()).isEqualTo(p);
  }
}
