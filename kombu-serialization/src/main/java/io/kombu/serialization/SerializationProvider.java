package io.kombu.serialization;

import io.kombu.serialization.json.JsonSerializer;
import io.kombu.serialization.msgpack.MsgpackSerializer;
import io.kombu.serialization.pickle.PickleSerializer;
import io.kombu.serialization.yaml.YamlSerializer;
import io.kombu.spi.Serializer;
import io.kombu.spi.SerializerProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Contributes Kombu's serializers to core's registry through ServiceLoader: {@code json}, {@code msgpack}, {@code yaml}
 * and the decode-only {@code pickle}. A codec whose library is missing from the class path (msgpack-core, SnakeYAML,
 * razorvine pickle, Jackson) is not offered; it is listed in {@link #unavailable()} with the artifact to add, so
 * asking for it fails with a clear {@link io.kombu.SerializerNotInstalledException} instead of a linkage error.
 *
 * <p>Construction only probes for classes; serializers are built on the first call to {@link #serializers()}.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SerializationProvider implements SerializerProvider {
  private record Codec(
      String name, String contentType, String probeClass, String artifact, Supplier<Serializer> factory) {}

  private static final List<Codec> CODECS =
      List.of(
          new Codec(
              JsonSerializer.NAME,
              JsonSerializer.CONTENT_TYPE,
              "com.fasterxml.jackson.core.JsonFactory",
              "com.fasterxml.jackson.core:jackson-core",
              JsonSerializer::new),
          new Codec(
              MsgpackSerializer.NAME,
              MsgpackSerializer.CONTENT_TYPE,
              "org.msgpack.core.MessagePack",
              "org.msgpack:msgpack-core",
              MsgpackSerializer::new),
          new Codec(
              YamlSerializer.NAME,
              YamlSerializer.CONTENT_TYPE,
              "org.yaml.snakeyaml.Yaml",
              "org.yaml:snakeyaml",
              YamlSerializer::new),
          new Codec(
              PickleSerializer.NAME,
              PickleSerializer.CONTENT_TYPE,
              "net.razorvine.pickle.Unpickler",
              "net.razorvine:pickle",
              PickleSerializer::new));

  private final List<Codec> present;
  private final Map<String, String> unavailable;
  private volatile @Nullable List<Serializer> serializers;

  /** Probes the class path of this class's loader. Called by ServiceLoader. */
  public SerializationProvider() {
    this(SerializationProvider::isPresent);
  }

  /** @param classPresent tells whether a class can be loaded; tests use it to pretend a library is missing */
  SerializationProvider(Predicate<String> classPresent) {
    List<Codec> found = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    for (Codec codec : CODECS) {
      if (classPresent.test(codec.probeClass())) {
        found.add(codec);
      } else {
        String advice = "add " + codec.artifact() + " to the class path to use the " + codec.name() + " serializer";
        missing.put(codec.name(), advice);
        missing.put(codec.contentType(), advice);
      }
    }
    this.present = List.copyOf(found);
    this.unavailable = Collections.unmodifiableMap(missing);
  }

  @Override
  public List<Serializer> serializers() {
    List<Serializer> built = serializers;
    if (built == null) {
      List<Serializer> list = new ArrayList<>(present.size());
      for (Codec codec : present) {
        list.add(codec.factory().get());
      }
      built = List.copyOf(list);
      serializers = built;
    }
    return built;
  }

  @Override
  public Map<String, String> unavailable() {
    return unavailable;
  }

  private static boolean isPresent(String className) {
    try {
      Class.forName(className, false, SerializationProvider.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "SerializationProvider[present=" + present.stream().map(Codec::name).toList() + ", unavailable="
        + unavailable.keySet() + "]";
  }
}
