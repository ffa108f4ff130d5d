package io.kombu.core.registry;

import io.kombu.spi.Serializer;
import io.kombu.spi.SerializerProvider;
import java.util.List;

/** A serializer provider that loads but fails when asked for its serializers. */
public final class ThrowingSerializerProvider implements SerializerProvider {
  /** Creates it. */
  public ThrowingSerializerProvider() {}

  @Override
  public List<Serializer> serializers() {
    throw new NoClassDefFoundError("org/yaml/snakeyaml/Yaml");
  }
}
