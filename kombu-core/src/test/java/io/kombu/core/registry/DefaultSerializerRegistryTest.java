package io.kombu.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ContentDisallowedException;
import io.kombu.core.SerializerRegistry;
import io.kombu.core.SerializerRegistry.Encoded;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the default SerializerRegistry with kombu-serialization's codecs")
class DefaultSerializerRegistryTest {
  private final SerializerRegistry registry = SerializerRegistry.load(SerializerRegistry.class.getClassLoader());

  @Test
  @DisplayName("is built once and shared")
  void shared() {
    assertThat(SerializerRegistry.defaultRegistry()).isSameAs(SerializerRegistry.defaultRegistry());
    assertThat(SerializerRegistry.defaultRegistry()).isNotSameAs(registry);
  }

  @Test
  @DisplayName("encodes a map with Python's json layout by default")
  void jsonByDefault() {
    Encoded e = registry.dumps(Map.of("id", 42), null);
    assertThat(e.contentType()).isEqualTo("application/json");
    assertThat(e.contentEncoding()).isEqualTo("utf-8");
    assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": 42}");
  }

  @Test
  @DisplayName("decodes what Python Kombu sends as json")
  void decodesPythonJson() {
    byte[] fromPython = "{\"a\": [1, 2.5, \"x\"], \"b\": null}".getBytes(StandardCharsets.UTF_8);
    Object value = registry.loads(fromPython, "application/json", "utf-8", List.of("json"));
    assertThat(value).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) value).get("a")).asList().hasSize(3);
    assertThat(((Map<?, ?>) value).containsKey("b")).isTrue();
  }

  @Test
  @DisplayName("refuses pickle without an accept list, as Kombu does")
  void pickleDisabled() {
    assertThat(registry.isDisabled("application/x-python-serialize")).isTrue();
    assertThatThrownBy(() -> registry.loads(new byte[] {(byte) 0x80, 4}, "application/x-python-serialize", "binary",
        null)).isInstanceOf(ContentDisallowedException.class).hasMessageContaining("disabled content");
  }
}
