package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportCapabilities;
import io.kombu.spi.TransportProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AmqpTransportProvider")
class AmqpTransportProviderTest {
  private final AmqpTransportProvider provider = new AmqpTransportProvider();

  private BrokerUrl defaults(String url) {
    return provider.applyDefaults(BrokerUrls.parseOne(url));
  }

  @Test
  @DisplayName("is named amqp and serves amqp, amqps and pyamqp")
  void nameAndSchemes() {
    assertThat(provider.name()).isEqualTo("amqp");
    assertThat(provider.schemes()).containsExactlyInAnyOrder("amqp", "amqps", "pyamqp");
  }

  @Test
  @DisplayName("is found by ServiceLoader")
  void serviceLoader() {
    assertThat(ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(AmqpTransportProvider.class);
  }

  @Test
  @DisplayName("claims every AMQP exchange type, priority, TTL, heartbeats, confirms, returns, e2e bindings, persistence")
  void capabilities() {
    TransportCapabilities c = provider.capabilities();
    assertThat(c.exchangeTypes())
        .containsExactlyInAnyOrder(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT, ExchangeType.HEADERS);
    assertThat(c.priority()).isTrue();
    assertThat(c.messageTtl()).isTrue();
    assertThat(c.heartbeats()).isTrue();
    assertThat(c.publisherConfirms()).isTrue();
    assertThat(c.mandatoryReturns()).isTrue();
    assertThat(c.exchangeToExchangeBindings()).isTrue();
    assertThat(c.persistent()).isTrue();
    assertThat(c.nativeProtocol()).isTrue();
    assertThat(c.flowControl()).as("RabbitMQ refuses channel.flow(false)").isFalse();
  }

  @Test
  @DisplayName("fills in Kombu's defaults: guest/guest, port 5672, virtual host /")
  void urlDefaults() {
    BrokerUrl url = defaults("amqp://");
    assertThat(url.userid()).isEqualTo("guest");
    assertThat(url.password()).isEqualTo("guest");
    assertThat(url.port()).isEqualTo(5672);
    assertThat(url.virtualHost()).isEqualTo("/");
    assertThat(url.ssl()).isFalse();
  }

  @Test
  @DisplayName("amqps turns TLS on and defaults to port 5671")
  void amqpsDefaults() {
    BrokerUrl url = defaults("amqps://broker.example");
    assertThat(url.ssl()).isTrue();
    assertThat(url.port()).isEqualTo(5671);
  }

  @Test
  @DisplayName("keeps what the URL says")
  void explicitValuesWin() {
    BrokerUrl url = defaults("pyamqp://alice:s3cret@rabbit:1234/orders");
    assertThat(url.userid()).isEqualTo("alice");
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url.hostname()).isEqualTo("rabbit");
    assertThat(url.port()).isEqualTo(1234);
    assertThat(url.virtualHost()).isEqualTo("orders");
  }

  @Test
  @DisplayName("creating a transport opens nothing, and bad options are reported at once")
  void createIsCheap() {
    provider.create(BrokerUrls.parseOne("amqp://nowhere.invalid:1//"), TransportOptions.defaults()).close();
    assertThatThrownBy(() -> provider.create(BrokerUrls.parseOne("amqp://"),
        TransportOptions.of(java.util.Map.of("confirm_publish", "maybe"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("confirm_publish");
  }
}
