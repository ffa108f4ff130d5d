package io.kombu.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kombu.spi.Serializer;
import io.kombu.spi.SerializerProvider;
import io.kombu.spi.Spi;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SerializationProvider")
class SerializationProviderTest {
  @Test
  @DisplayName("is found by ServiceLoader and offers json, msgpack, yaml and pickle with Kombu's types and flags")
  void discovered() {
    List<SerializerProvider> providers =
        ServiceLoader.load(SerializerProvider.class).stream().map(ServiceLoader.Provider::get).toList();

    assertThat(providers).hasAtLeastOneElementOfType(SerializationProvider.class);
    SerializerProvider provider =
        providers.stream().filter(p -> p instanceof SerializationProvider).findFirst().orElseThrow();
    assertThat(provider.serializers())
        .extracting(Serializer::name, Serializer::contentType, Serializer::contentEncoding, Serializer::insecure)
        .containsExactly(
            tuple("json", "application/json", "utf-8", false),
            tuple("msgpack", "application/x-msgpack", "binary", true),
            tuple("yaml", "application/x-yaml", "utf-8", true),
            tuple("pickle", "application/x-python-serialize", "binary", true));
    assertThat(provider.unavailable()).isEmpty();
    assertThat(provider.spiVersion()).isEqualTo(Spi.VERSION);
  }

  @Test
  @DisplayName("reports pickle as unavailable, by name and content type, when razorvine pickle is missing")
  void pickleMissing() {
    SerializationProvider provider = new SerializationProvider(name -> !name.startsWith("net.razorvine"));

    assertThat(provider.serializers()).extracting(Serializer::name).containsExactly("json", "msgpack", "yaml");
    assertThat(provider.unavailable()).containsOnlyKeys("pickle", "application/x-python-serialize");
    assertThat(provider.unavailable().get("pickle")).contains("add net.razorvine:pickle to the class path");
  }

  @Test
  @DisplayName("builds its serializers once and returns the same instances")
  void cached() {
    SerializationProvider provider = new SerializationProvider();

    assertThat(provider.serializers()).isSameAs(provider.serializers());
  }
}
