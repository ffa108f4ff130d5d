package io.kombu.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.ExchangeType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TransportCapabilities")
class TransportCapabilitiesTest {
  @Test
  @DisplayName("a fresh builder claims the direct exchange and nothing else")
  void claimsNothingButDirect() {
    TransportCapabilities c = TransportCapabilities.builder().build();
    assertThat(c.exchangeTypes()).containsExactly(ExchangeType.DIRECT);
    assertThat(c.supports(ExchangeType.TOPIC)).isFalse();
    assertThat(c.priority() || c.messageTtl() || c.heartbeats() || c.publisherConfirms() || c.persistent()).isFalse();
  }

  @Test
  @DisplayName("supports() answers for the claimed exchange types, plug-in types included")
  void supports() {
    TransportCapabilities c = TransportCapabilities.builder()
        .exchangeTypes(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.of("x-delayed-message")).priority(true).build();
    assertThat(c.supports(ExchangeType.of("topic"))).isTrue();
    assertThat(c.supports(ExchangeType.of("x-delayed-message"))).isTrue();
    assertThat(c.supports(ExchangeType.FANOUT)).isFalse();
    assertThat(c.priority()).isTrue();
  }
}
