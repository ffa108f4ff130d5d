package io.kombu.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.TransportNotFoundException;
import io.kombu.VersionMismatchException;
import io.kombu.core.BrokerUrls;
import io.kombu.core.TransportRegistry;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportProvider;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("TransportRegistry")
class TransportRegistryTest {
  @TempDir Path dir;

  private TransportRegistry discovering(Class<?>... providers) {
    List<String> names = Arrays.stream(providers).map(Class::getName).toList();
    return discoveringNames(names);
  }

  private TransportRegistry discoveringNames(List<String> names) {
    ClassLoader loader = ServicesClassLoader.of(dir, Map.of(TransportProvider.class, names));
    return TransportRegistry.builder().classLoader(loader).build();
  }

  private static BrokerUrl url(String raw) {
    return BrokerUrls.parse(raw).get(0);
  }

  @Test
  @DisplayName("with no provider, asking for redis names the artifact to add and never shows the password")
  void noProviderMasksPassword() {
    TransportRegistry registry = discovering();
    assertThatThrownBy(() -> registry.forUrl(url("redis://:secret@host/0")))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining("no transport for scheme \"redis\" (url redis://:**@host/0).")
        .hasMessageContaining("Add the dependency io.kombu:kombu-transport-redis; kombu-bom manages its version.")
        .hasMessageContaining("Transports on the class path: none.")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("kombu-core's own class path has no Redis transport, and the default registry says so without the password")
  void defaultRegistryWithoutRedis() {
    assertThatThrownBy(() -> TransportRegistry.defaultRegistry().forUrl(url("redis://:secret@host/0")))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining("io.kombu:kombu-transport-redis")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("the default registry is built once and shared")
  void defaultRegistryIsCached() {
    assertThat(TransportRegistry.defaultRegistry()).isSameAs(TransportRegistry.defaultRegistry());
  }

  @Test
  @DisplayName("a discovered provider serves its schemes, in any case, and is listed in errors with its artifact")
  void discoveredProvider() {
    TransportRegistry registry = discovering(FakeMemoryTransportProvider.class);
    TransportProvider memory = registry.forUrl(url("memory://"));
    assertThat(memory).isInstanceOf(FakeMemoryTransportProvider.class);
    assertThat(registry.forScheme("MEMORY", "MEMORY://")).isSameAs(memory);
    assertThat(registry.providers()).containsExactly(memory);
    assertThat(registry.schemes()).containsExactly("memory");
    assertThatThrownBy(() -> registry.forScheme("amqp", "amqp://guest:**@localhost//"))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining("Add the dependency io.kombu:kombu-transport-amqp")
        .hasMessageContaining("Transports on the class path: memory (kombu-transport-memory).");
  }

  @Test
  @DisplayName("a third-party provider is listed by name and class when it is not in a jar")
  void thirdPartyListed() {
    TransportRegistry registry = discovering(ThirdPartyTransportProvider.class);
    assertThat(registry.forScheme("kafka", "kafka://h")).isInstanceOf(ThirdPartyTransportProvider.class);
    assertThatThrownBy(() -> registry.forScheme("sqs", "sqs://"))
        .hasMessageContaining("io.kombu:kombu-transport-sqs")
        .hasMessageContaining("kafka (" + ThirdPartyTransportProvider.class.getName() + ")");
  }

  @Test
  @DisplayName("the prefix of an a+b:// URL selects the transport")
  void prefixedUrl() {
    TransportRegistry registry = discovering(FakeRedisTransportProvider.class);
    assertThat(registry.forUrl(url("redis+socket:///var/run/redis.sock")))
        .isInstanceOf(FakeRedisTransportProvider.class);
  }

  @Test
  @DisplayName("two providers for one scheme fail when that scheme is asked for, naming both classes and where they are")
  void twoProviders() {
    TransportRegistry registry = discovering(FakeRedisTransportProvider.class, SecondRedisTransportProvider.class);
    String location = Path.of(FakeRedisTransportProvider.class.getProtectionDomain().getCodeSource().getLocation()
        .getPath()).toString();
    assertThatThrownBy(() -> registry.forUrl(url("redis://:secret@h/0")))
        .isInstanceOf(ConfigurationException.class)
        .isNotInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining(FakeRedisTransportProvider.class.getName())
        .hasMessageContaining(SecondRedisTransportProvider.class.getName())
        .hasMessageContaining(location)
        .hasMessageContaining("-Dkombu.transport.redis=")
        .hasMessageNotContaining("secret");
    assertThat(registry.forScheme("rediss", "rediss://h")).isInstanceOf(FakeRedisTransportProvider.class);
  }

  @Test
  @DisplayName("the system property kombu.transport.<scheme> breaks a tie")
  void systemPropertyBreaksTie() {
    TransportRegistry registry = discovering(FakeRedisTransportProvider.class, SecondRedisTransportProvider.class);
    String key = "kombu.transport.redis";
    System.setProperty(key, SecondRedisTransportProvider.class.getName());
    try {
      assertThat(registry.forScheme("redis", "redis://h")).isInstanceOf(SecondRedisTransportProvider.class);
      System.setProperty(key, "com.example.Nope");
      assertThatThrownBy(() -> registry.forScheme("redis", "redis://h"))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("com.example.Nope")
          .hasMessageContaining(FakeRedisTransportProvider.class.getName());
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  @DisplayName("an explicit provider wins and discovery is skipped for its schemes")
  void explicitWins() {
    ClassLoader loader = ServicesClassLoader.of(dir, Map.of(TransportProvider.class,
        List.of(FakeRedisTransportProvider.class.getName(), SecondRedisTransportProvider.class.getName(),
            FakeMemoryTransportProvider.class.getName())));
    SecondRedisTransportProvider chosen = new SecondRedisTransportProvider();
    TransportRegistry registry = TransportRegistry.builder().classLoader(loader).provider(chosen).build();
    assertThat(registry.forScheme("redis", "redis://h")).isSameAs(chosen);
    assertThat(registry.forScheme("memory", "memory://")).isInstanceOf(FakeMemoryTransportProvider.class);
    assertThat(registry.forScheme("rediss", "rediss://h")).isInstanceOf(FakeRedisTransportProvider.class);
    assertThat(registry.providers().get(0)).isSameAs(chosen);
  }

  @Test
  @DisplayName("with discovery off only explicit providers are used")
  void discoveryOff() {
    FakeMemoryTransportProvider memory = new FakeMemoryTransportProvider();
    TransportRegistry registry = TransportRegistry.builder().discovery(false).provider(memory).build();
    assertThat(registry.providers()).containsExactly(memory);
    assertThatThrownBy(() -> registry.forScheme("redis", "redis://h"))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining("Transports on the class path: memory (kombu-transport-memory).");
  }

  @Test
  @DisplayName("two explicit providers for one scheme are refused when building")
  void twoExplicit() {
    assertThatThrownBy(() -> TransportRegistry.builder().discovery(false).provider(new FakeRedisTransportProvider())
        .provider(new SecondRedisTransportProvider()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(FakeRedisTransportProvider.class.getName())
        .hasMessageContaining(SecondRedisTransportProvider.class.getName());
  }

  @Test
  @DisplayName("an explicit provider built for another SPI version is refused")
  void explicitVersionMismatch() {
    assertThatThrownBy(() -> TransportRegistry.builder().provider(new OldSpiTransportProvider()).build())
        .isInstanceOf(VersionMismatchException.class)
        .hasMessageContaining("SPI version 0");
  }

  @Test
  @DisplayName("providers that throw while loading are skipped, remembered, and named with their cause")
  void failingProviders() {
    TransportRegistry registry = discoveringNames(List.of(ExplodingTransportProvider.class.getName(),
        "io.kombu.core.registry.DoesNotExistTransportProvider", MissingDriverTransportProvider.class.getName(),
        BrokenSchemesTransportProvider.class.getName(), FakeMemoryTransportProvider.class.getName()));
    assertThat(registry.forScheme("memory", "memory://")).isInstanceOf(FakeMemoryTransportProvider.class);
    assertThat(registry.providers()).hasSize(1);
    assertThat(registry.failures()).hasSize(4);
    assertThatThrownBy(() -> registry.forUrl(url("redis://:secret@h/0")))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining("io.kombu:kombu-transport-redis")
        .hasMessageContaining(ExplodingTransportProvider.class.getName())
        .hasMessageContaining("boom while constructing")
        .hasMessageContaining("DoesNotExistTransportProvider")
        .hasMessageContaining(MissingDriverTransportProvider.class.getName())
        .hasMessageContaining("redis/clients/jedis/Jedis")
        .hasMessageContaining("schemes unavailable")
        .hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("a provider built for another SPI version is skipped and named in the error")
  void versionMismatch() {
    TransportRegistry registry = discovering(OldSpiTransportProvider.class);
    assertThat(registry.providers()).isEmpty();
    assertThatThrownBy(() -> registry.forScheme("old", "old://"))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining(OldSpiTransportProvider.class.getName())
        .hasMessageContaining("SPI version 0")
        .hasMessageContaining("kombu-bom");
  }

  @Test
  @DisplayName("an unknown scheme gets a close match from the known and found schemes")
  void didYouMean() {
    TransportRegistry registry = discovering(ThirdPartyTransportProvider.class);
    assertThatThrownBy(() -> registry.forScheme("rdis", "rdis://h"))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageContaining("did you mean \"redis\"?")
        .hasMessageNotContaining("Add the dependency");
    assertThatThrownBy(() -> registry.forScheme("kafak", "kafak://h")).hasMessageContaining("did you mean \"kafka\"?");
    assertThatThrownBy(() -> registry.forScheme("zzzzzz", "zzzzzz://h"))
        .isInstanceOf(TransportNotFoundException.class)
        .hasMessageNotContaining("did you mean");
  }
}
