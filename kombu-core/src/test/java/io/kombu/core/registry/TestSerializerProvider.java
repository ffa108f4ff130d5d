package io.kombu.core.registry;

import io.kombu.spi.Serializer;
import io.kombu.spi.SerializerProvider;
import java.util.List;
import java.util.Map;

/** Contributes a "fake" serializer and reports pickle as unavailable, as kombu-serialization does without its library. */
public final class TestSerializerProvider implements SerializerProvider {
  /** Creates it. */
  public TestSerializerProvider() {}

  @Override
  public List<Serializer> serializers() {
    return List.of(TestSerializers.text("fake", "application/x-fake", false));
  }

  @Override
  public Map<String, String> unavailable() {
    return Map.of("pickle", "add net.razorvine:pickle to the class path",
        "application/x-python-serialize", "add net.razorvine:pickle to the class path");
  }
}
