package io.kombu.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QuickStartTest {
  @Test
  @DisplayName("the quick start delivers every message to its queue, across json, msgpack and yaml")
  void deliversEveryMessage() {
    QuickStart.Summary summary = QuickStart.run("memory://", 900);

    assertThat(summary.received).isEqualTo(900);
    assertThat(summary.byContentType).isEqualTo(Map.of(
        "application/json", 300, "application/x-msgpack", 300, "application/x-yaml", 300));
    assertThat(summary.byRoutingKey).isEqualTo(Map.of(
        "hipri.video", 300, "midpri.video", 300, "lopri.video", 300));
    assertThat(summary.compressed).isEqualTo(225);
  }
}
