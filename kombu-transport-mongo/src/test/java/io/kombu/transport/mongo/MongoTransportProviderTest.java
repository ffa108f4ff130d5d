package io.kombu.transport.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.ExchangeType;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.core.TransportRegistry;
import io.kombu.spi.Transport;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoTransportProvider")
class MongoTransportProviderTest {
  private final MongoTransportProvider provider = new MongoTransportProvider();

  @Test
  @DisplayName("serves mongodb and mongodb+srv under the name mongo")
  void schemes() {
    assertThat(provider.name()).isEqualTo("mongo");
    assertThat(provider.schemes()).containsExactlyInAnyOrder("mongodb", "mongodb+srv");
  }

  @Test
  @DisplayName("claims direct, topic and fanout exchanges, priority and persistence, as Kombu's implements says")
  void capabilities() {
    assertThat(provider.capabilities().exchangeTypes())
        .containsExactlyInAnyOrder(ExchangeType.DIRECT, ExchangeType.TOPIC, ExchangeType.FANOUT);
    assertThat(provider.capabilities().priority()).isTrue();
    assertThat(provider.capabilities().persistent()).isTrue();
    assertThat(provider.capabilities().nativeProtocol()).isFalse();
  }

  @Test
  @DisplayName("is registered for ServiceLoader")
  void serviceLoader() {
    assertThat(ServiceLoader.load(io.kombu.spi.TransportProvider.class).stream()
        .map(ServiceLoader.Provider::type)).contains(MongoTransportProvider.class);
  }

  @Test
  @DisplayName("core's registry finds this provider for mongodb and mongodb+srv URLs")
  void registryFindsProvider() {
    for (String url : new String[] {"mongodb://h1:27017,h2:27018/db", "mongodb+srv://u:p@cluster0.example.net/db"}) {
      assertThat(TransportRegistry.defaultRegistry().forUrl(BrokerUrls.parseOne(url)))
          .as(url).isInstanceOf(MongoTransportProvider.class);
    }
  }

  @Test
  @DisplayName("creating a transport does no I/O: nothing listens on the URL's port")
  void createIsLazy() {
    try (Transport t = provider.create(BrokerUrls.parseOne("mongodb://127.0.0.1:1/db"), TransportOptions.defaults())) {
      assertThat(t.capabilities()).isEqualTo(provider.capabilities());
    }
  }
}
