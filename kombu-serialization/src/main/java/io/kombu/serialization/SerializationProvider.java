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
  /**
   * One codec, named by class rather than referenced: a constructor reference would make this class link the codec, so a
   * missing library would take every other codec (json included) down with it.
   */
  private record Codec(String name, String contentType, String probeClass, String artifact, String implementation) {}

  private static final List<Codec> CODECS =
      List.of(
          new Codec(JsonSerializer.NAME, JsonSerializer.CONTENT_TYPE, "com.fasterxml.jackson.core.JsonFactory",
              "com.fasterxml.jackson.core:jackson-core", "io.kombu.serialization.json.JsonSerializer"),
          new Codec(MsgpackSerializer.NAME, MsgpackSerializer.CONTENT_TYPE, "org.msgpack.core.MessagePack",
              "org.msgpack:msgpack-core", "io.kombu.serialization.msgpack.MsgpackSerializer"),
          new Codec(YamlSerializer.NAME, YamlSerializer.CONTENT_TYPE, "org.yaml.snakeyaml.Yaml",
              "org.yaml:snakeyaml", "io.kombu.serialization.yaml.YamlSerializer"),
          new Codec(PickleSerializer.NAME, PickleSerializer.CONTENT_TYPE, "net.razorvine.pickle.Unpickler",
              "net.razorvine:pickle", "io.kombu.serialization.pickle.PickleSerializer"));

  private final Predicate<String> classPresent;
  private volatile @Nullable Loaded loaded;

  private record Loaded(List<Serializer> serializers, Map<String, String> unavailable) {}

  /** Probes the class path of this class's loader. Called by ServiceLoader; does no work until first asked. */
  public SerializationProvider() {
    this(SerializationProvider::isPresent);
  }

  /** @param classPresent tells whether a class can be loaded; tests use it to pretend a library is missing */
  SerializationProvider(Predicate<String> classPresent) {
    this.classPresent = classPresent;
  }

  @Override
  public List<Serializer> serializers() {
    return loaded().serializers();
  }

  @Override
  public Map<String, String> unavailable() {
    return loaded().unavailable();
  }

  private Loaded loaded() {
    Loaded result = loaded;
    if (result == null) {
      synchronized (this) {
        result = loaded;
        if (result == null) {
          result = load();
          loaded = result;
        }
      }
    }
    return result;
  }

  private Loaded load() {
    List<Serializer> found = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    for (Codec codec : CODECS) {
      String advice = "add " + codec.artifact() + " to the class path to use the " + codec.name() + " serializer";
      Serializer serializer = classPresent.test(codec.probeClass()) ? build(codec) : null;
      if (serializer != null) {
        found.add(serializer);
      } else {
        missing.put(codec.name(), advice);
        missing.put(codec.contentType(), advice);
      }
    }
    return new Loaded(List.copyOf(found), Collections.unmodifiableMap(missing));
  }

  /** @return the codec, or null when its library is present but cannot be linked (a broken or partial jar) */
  private static @Nullable Serializer build(Codec codec) {
    try {
      return (Serializer) Class.forName(codec.implementation(), true, SerializationProvider.class.getClassLoader())
          .getDeclaredConstructor()
          .newInstance();
    } catch (LinkageError | ReflectiveOperationException e) {
      return null;
    }
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
    Loaded l = loaded;
    return l == null
        ? "SerializationProvider[not loaded yet]"
        : "SerializationProvider[present=" + l.serializers().stream().map(Serializer::name).toList() + ", unavailable="
            + l.unavailable().keySet() + "]";
  }
}
