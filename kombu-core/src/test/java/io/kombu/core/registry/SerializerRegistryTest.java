package io.kombu.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ContentDisallowedException;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.SerializerNotInstalledException;
import io.kombu.core.SerializerRegistry;
import io.kombu.core.SerializerRegistry.Encoded;
import io.kombu.spi.SerializerProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("SerializerRegistry")
class SerializerRegistryTest {
  private static final String PICKLE_TYPE = "application/x-python-serialize";

  private SerializerRegistry registry;

  @BeforeEach
  void setUp() {
    registry = SerializerRegistry.empty();
    registry.register(TestSerializers.text("json", "application/json", false));
    registry.register(TestSerializers.text("pickle", PICKLE_TYPE, true));
    registry.register(TestSerializers.text("yaml", "application/x-yaml", true));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("raw sends bytes as application/data + binary and text as application/data + utf-8")
  void raw() {
    byte[] bytes = {1, 2, 3};
    assertThat(registry.dumps(bytes, "raw")).isEqualTo(new Encoded("application/data", "binary", bytes));
    assertThat(registry.dumps("héllo", "raw")).isEqualTo(new Encoded("application/data", "utf-8", utf8("héllo")));
    assertThatThrownBy(() -> registry.dumps(Map.of("a", 1), "raw")).isInstanceOf(EncodeException.class)
        .hasMessageContaining("java.util");
  }

  @Test
  @DisplayName("with no serializer, bytes go as application/data and text as text/plain")
  void noSerializer() {
    byte[] bytes = {9, 8};
    assertThat(registry.dumps(bytes, null)).isEqualTo(new Encoded("application/data", "binary", bytes));
    assertThat(registry.dumps("text", null)).isEqualTo(new Encoded("text/plain", "utf-8", utf8("text")));
  }

  @Test
  @DisplayName("with no serializer, other values use the default json serializer")
  void defaultJson() {
    assertThat(registry.dumps(42, null)).isEqualTo(new Encoded("application/json", "utf-8", utf8("<42>")));
    assertThat(SerializerRegistry.DEFAULT_SERIALIZER).isEqualTo("json");
  }

  @Test
  @DisplayName("a named serializer encodes even bytes and text")
  void namedSerializer() {
    assertThat(registry.dumps("x", "yaml")).isEqualTo(new Encoded("application/x-yaml", "utf-8", utf8("<x>")));
  }

  @Test
  @DisplayName("an unknown serializer is refused with Kombu's message")
  void unknownSerializer() {
    assertThatThrownBy(() -> registry.dumps(1, "nope"))
        .isInstanceOf(SerializerNotInstalledException.class)
        .hasMessageStartingWith("No encoder installed for nope")
        .hasMessageContaining("json");
  }

  @Test
  @DisplayName("an empty registry says which artifact brings the default json serializer")
  void emptyRegistry() {
    assertThatThrownBy(() -> SerializerRegistry.empty().dumps(Map.of(), null))
        .isInstanceOf(SerializerNotInstalledException.class)
        .hasMessageContaining("No encoder installed for json")
        .hasMessageContaining("io.kombu:kombu-serialization");
  }

  @Test
  @DisplayName("an encoder failure becomes an EncodeException keeping the cause")
  void encoderFailure() {
    IllegalArgumentException boom = new IllegalArgumentException("cannot encode");
    registry.register("bad", v -> {
      throw boom;
    }, b -> b, "application/x-bad", "binary");
    assertThatThrownBy(() -> registry.dumps(1, "bad")).isInstanceOf(EncodeException.class).hasCause(boom);
  }

  @Test
  @DisplayName("a decoder registered for the content type decodes")
  void decodes() {
    assertThat(registry.loads(utf8("<1>"), "application/json", "utf-8", null)).isEqualTo("json:1");
  }

  @Test
  @DisplayName("a decoder failure becomes a DecodeException")
  void decoderFailure() {
    assertThatThrownBy(() -> registry.loads(utf8("oops"), "application/json", "utf-8", null))
        .isInstanceOf(DecodeException.class);
    IllegalStateException boom = new IllegalStateException("bad bytes");
    registry.register("bad", v -> new byte[0], b -> {
      throw boom;
    }, "application/x-bad", "binary");
    assertThatThrownBy(() -> registry.loads(new byte[] {1}, "application/x-bad", "binary", null))
        .isInstanceOf(DecodeException.class).hasCause(boom);
  }

  @Test
  @DisplayName("a missing content type means application/data, decoded as utf-8 text by default")
  void nullContentType() {
    assertThat(registry.loads(utf8("plain"), null, null, null)).isEqualTo("plain");
    byte[] bytes = {(byte) 0xff, 0};
    assertThat(registry.loads(bytes, null, "binary", null)).isSameAs(bytes);
    assertThat(registry.loads(bytes, "application/data", "ASCII-8BIT", null)).isSameAs(bytes);
  }

  @Test
  @DisplayName("text without a decoder is decoded in its charset, whose name is lower-cased")
  void textDecoding() {
    assertThat(registry.loads(utf8("héllo"), "text/plain", "UTF-8", null)).isEqualTo("héllo");
    assertThat(registry.loads(new byte[] {(byte) 0xe9}, "text/plain", "latin-1", null)).isEqualTo("é");
  }

  @Test
  @DisplayName("an unknown charset or invalid text is a DecodeException")
  void badText() {
    assertThatThrownBy(() -> registry.loads(utf8("x"), "text/plain", "no-such-charset", null))
        .isInstanceOf(DecodeException.class).hasMessageContaining("no-such-charset");
    assertThatThrownBy(() -> registry.loads(new byte[] {(byte) 0xff, (byte) 0xfe}, "text/plain", "utf-8", null))
        .isInstanceOf(DecodeException.class);
  }

  @Test
  @DisplayName("an empty body is returned unchanged")
  void emptyBody() {
    byte[] empty = new byte[0];
    assertThat(registry.loads(empty, "application/json", "utf-8", null)).isSameAs(empty);
  }

  @Test
  @DisplayName("with an accept list, only listed and always-trusted types are decoded")
  void acceptList() {
    assertThat(registry.loads(utf8("<1>"), "application/json", "utf-8", List.of("application/json"))).isEqualTo("json:1");
    assertThat(registry.loads(utf8("<1>"), "application/json", "utf-8", List.of("json"))).isEqualTo("json:1");
    assertThat(registry.loads(utf8("d"), "application/data", "utf-8", List.of())).isEqualTo("d");
    assertThat(registry.loads(utf8("t"), "application/text", "utf-8", List.of())).isEqualTo("t");
    assertThatThrownBy(() -> registry.loads(utf8("<1>"), "application/json", "utf-8", List.of("yaml")))
        .isInstanceOf(ContentDisallowedException.class)
        .hasMessage("Refusing to deserialize untrusted content of type json (application/json)");
    assertThatThrownBy(() -> registry.loads(utf8("t"), "text/plain", "utf-8", List.of("json")))
        .isInstanceOf(ContentDisallowedException.class)
        .hasMessage("Refusing to deserialize untrusted content of type text/plain (text/plain)");
  }

  @Test
  @DisplayName("insecure formats are refused without an accept list until enabled")
  void insecureDisabledByDefault() {
    assertThat(registry.isDisabled(PICKLE_TYPE)).isTrue();
    assertThatThrownBy(() -> registry.loads(utf8("<1>"), PICKLE_TYPE, "binary", null))
        .isInstanceOf(ContentDisallowedException.class)
        .hasMessage("Refusing to deserialize disabled content of type pickle (" + PICKLE_TYPE + ")");
    assertThat(registry.loads(utf8("<1>"), PICKLE_TYPE, "binary", List.of("pickle"))).isEqualTo("pickle:1");
    registry.enableInsecureSerializers(List.of("pickle", "unknown-name"));
    assertThat(registry.loads(utf8("<1>"), PICKLE_TYPE, "binary", null)).isEqualTo("pickle:1");
    assertThatThrownBy(() -> registry.loads(utf8("<1>"), "application/x-yaml", "utf-8", null))
        .isInstanceOf(ContentDisallowedException.class);
    registry.enableInsecureSerializers();
    assertThat(registry.loads(utf8("<1>"), "application/x-yaml", "utf-8", null)).isEqualTo("yaml:1");
  }

  @Test
  @DisplayName("pickle, yaml and msgpack bodies are refused from the start even when no codec for them is installed")
  void insecureTypesDisabledWithoutCodecs() {
    SerializerRegistry r = SerializerRegistry.empty();
    assertThatThrownBy(() -> r.loads(new byte[] {(byte) 0x80}, PICKLE_TYPE, "binary", null))
        .isInstanceOf(ContentDisallowedException.class)
        .hasMessage("Refusing to deserialize disabled content of type pickle (" + PICKLE_TYPE + ")");
    assertThat(r.isDisabled("application/x-yaml")).isTrue();
    assertThat(r.isDisabled("application/x-msgpack")).isTrue();
    r.enableInsecureSerializers(List.of("pickle"));
    byte[] body = {(byte) 0x80};
    assertThat(r.loads(body, PICKLE_TYPE, "binary", null)).isSameAs(body);
  }

  @Test
  @DisplayName("an insecure serializer registered after being enabled by content type stays enabled")
  void enabledBeforeRegistration() {
    SerializerRegistry r = SerializerRegistry.empty();
    r.enableInsecureSerializers(List.of("application/x-msgpack"));
    r.register(TestSerializers.text("msgpack", "application/x-msgpack", true));
    assertThat(r.isDisabled("application/x-msgpack")).isFalse();
  }

  @Test
  @DisplayName("disableInsecureSerializers disables every decoder except the allowed ones")
  void disableAllBut() {
    registry.enableInsecureSerializers();
    registry.disableInsecureSerializers(List.of("yaml"));
    assertThat(registry.isDisabled("application/json")).isTrue();
    assertThat(registry.isDisabled(PICKLE_TYPE)).isTrue();
    assertThat(registry.isDisabled("application/x-yaml")).isFalse();
    assertThatThrownBy(() -> registry.loads(utf8("<1>"), "application/json", "utf-8", null))
        .hasMessage("Refusing to deserialize disabled content of type json (application/json)");
    assertThatThrownBy(() -> registry.disableInsecureSerializers(List.of("nope")))
        .isInstanceOf(SerializerNotInstalledException.class).hasMessageContaining("nope");
  }

  @Test
  @DisplayName("accept lists map names to content types and keep content types as given")
  void acceptContentTypes() {
    assertThat(registry.acceptContentTypes(List.of("json", "application/x-custom", "pickle")))
        .containsExactly("application/json", "application/x-custom", PICKLE_TYPE);
    assertThatThrownBy(() -> registry.acceptContentTypes(List.of("json", "nope")))
        .isInstanceOf(SerializerNotInstalledException.class)
        .hasMessageStartingWith("No encoder/decoder installed for nope");
  }

  @Test
  @DisplayName("register with functions adds encoder, decoder and name mappings")
  void registerFunctions() {
    registry.register("rev", v -> new StringBuilder(String.valueOf(v)).reverse().toString().getBytes(StandardCharsets.UTF_8),
        b -> new StringBuilder(new String(b, StandardCharsets.UTF_8)).reverse().toString(), "application/x-rev", "utf-8");
    Encoded e = registry.dumps("abc", "rev");
    assertThat(e).isEqualTo(new Encoded("application/x-rev", "utf-8", utf8("cba")));
    assertThat(registry.loads(e.body(), e.contentType(), e.contentEncoding(), null)).isEqualTo("abc");
    assertThat(registry.find("rev")).isPresent();
    assertThat(registry.find("application/x-rev")).get().extracting(s -> s.name()).isEqualTo("rev");
  }

  @Test
  @DisplayName("unregister removes a serializer; an unknown one is refused")
  void unregister() {
    registry.unregister("yaml");
    assertThat(registry.find("yaml")).isEmpty();
    assertThat(registry.find("application/x-yaml")).isEmpty();
    assertThatThrownBy(() -> registry.dumps(1, "yaml")).isInstanceOf(SerializerNotInstalledException.class);
    assertThatThrownBy(() -> registry.unregister("yaml"))
        .isInstanceOf(SerializerNotInstalledException.class)
        .hasMessage("No encoder/decoder installed for yaml");
  }

  @Test
  @DisplayName("load() uses the providers the given class loader sees and reports unavailable formats with their fix")
  void loadFromProviders(@TempDir Path dir) {
    ClassLoader loader = ServicesClassLoader.of(dir, Map.of(SerializerProvider.class, List.of(
        ThrowingSerializerProvider.class.getName(), TestSerializerProvider.class.getName())));
    SerializerRegistry loaded = SerializerRegistry.load(loader);
    assertThat(loaded.names()).containsExactly("fake");
    assertThat(loaded.dumps(7, "fake").contentType()).isEqualTo("application/x-fake");
    assertThatThrownBy(() -> loaded.dumps(1, "pickle"))
        .isInstanceOf(SerializerNotInstalledException.class)
        .hasMessage("No encoder installed for pickle: add net.razorvine:pickle to the class path");
    assertThatThrownBy(() -> loaded.acceptContentTypes(Set.of("pickle")))
        .hasMessageContaining("add net.razorvine:pickle to the class path");
  }

  @Test
  @DisplayName("concurrent registrations and lookups never see a half-registered serializer")
  void concurrentUse() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            String name = "s" + id + "-" + i;
            registry.register(TestSerializers.text(name, "application/x-" + name, false));
            Encoded e = registry.dumps(i, name);
            assertThat(registry.loads(e.body(), e.contentType(), e.contentEncoding(), List.of(name)))
                .isEqualTo(name + ":" + i);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.names()).hasSize(3 + 800);
  }
}
