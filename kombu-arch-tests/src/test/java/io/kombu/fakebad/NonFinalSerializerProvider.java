package io.kombu.fakebad;

import io.kombu.spi.Serializer;
import io.kombu.spi.SerializerProvider;
import java.util.List;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public class NonFinalSerializerProvider implements SerializerProvider {
  @Override
  public List<Serializer> serializers() {
    return List.of();
  }
}
