package io.kombu.transport.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.ExchangeType;
import io.kombu.spi.TransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The SQS transport provider")
class SqsTransportProviderTest {
  @Test
  @DisplayName("is found by ServiceLoader under the name and scheme sqs")
  void discovered() {
    assertThat(ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(p -> p instanceof SqsTransportProvider)
        .singleElement()
        .satisfies(p -> {
          assertThat(p.name()).isEqualTo("sqs");
          assertThat(p.schemes()).containsExactly("sqs");
        });
  }

  @Test
  @DisplayName("claims direct and topic routing only: no fanout without SNS, no priority, no TTL")
  void capabilities() {
    SqsTransportProvider p = new SqsTransportProvider();
    assertThat(p.capabilities().exchangeTypes()).containsExactlyInAnyOrder(ExchangeType.DIRECT, ExchangeType.TOPIC);
    assertThat(p.capabilities().supports(ExchangeType.FANOUT)).isFalse();
    assertThat(p.capabilities().priority()).isFalse();
    assertThat(p.capabilities().messageTtl()).isFalse();
    assertThat(p.capabilities().persistent()).isTrue();
  }
}
