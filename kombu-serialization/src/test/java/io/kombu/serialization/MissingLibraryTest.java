package io.kombu.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.spi.Serializer;
import io.kombu.spi.SerializerProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loads kombu-serialization's classes in a fresh class loader that cannot see one library, as when a user excludes that
 * dependency, and checks that the other codecs (json above all) still work.
 */
@DisplayName("With one serializer library missing from the class path, SerializationProvider")
class MissingLibraryTest {

  /** Child-first for this module's main classes; classes under the hidden prefix behave as if their jar were absent. */
  static final class HidingClassLoader extends URLClassLoader {
    private final String hiddenPrefix;

    HidingClassLoader(String hiddenPrefix) {
      super(new URL[] {SerializationProvider.class.getProtectionDomain().getCodeSource().getLocation()},
          MissingLibraryTest.class.getClassLoader());
      this.hiddenPrefix = hiddenPrefix;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (name.startsWith(hiddenPrefix)) {
          throw new ClassNotFoundException(name + " is hidden by the test");
        }
        if (name.startsWith("io.kombu.serialization.")) {
          Class<?> loaded = findLoadedClass(name);
          if (loaded == null) {
            loaded = findClass(name);
          }
          if (resolve) {
            resolveClass(loaded);
          }
          return loaded;
        }
        return super.loadClass(name, resolve);
      }
    }
  }

  @ParameterizedTest(name = "{0} hidden")
  @CsvSource(
      delimiter = '|',
      value = {
        "org.msgpack.      | msgpack | application/x-msgpack          | org.msgpack:msgpack-core | json, yaml, pickle",
        "org.yaml.snakeyaml. | yaml  | application/x-yaml             | org.yaml:snakeyaml       | json, msgpack, pickle",
        "net.razorvine.    | pickle  | application/x-python-serialize | net.razorvine:pickle     | json, msgpack, yaml"
      })
  @DisplayName("leaves that codec out, names its artifact, and still offers the others")
  void othersSurviveAMissingLibrary(String hidden, String codec, String contentType, String artifact, String others)
      throws Exception {
    try (HidingClassLoader loader = new HidingClassLoader(hidden)) {
      Class<?> type = loader.loadClass(SerializationProvider.class.getName());
      assertThat(type.getClassLoader()).as("provider loaded in the isolated loader").isSameAs(loader);
      SerializerProvider provider = (SerializerProvider) type.getConstructor().newInstance();

      List<String> names = provider.serializers().stream().map(Serializer::name).toList();
      assertThat(names).containsExactlyInAnyOrder(others.split(",\\s*")).doesNotContain(codec);
      Map<String, String> unavailable = provider.unavailable();
      assertThat(unavailable).containsKeys(codec, contentType);
      assertThat(unavailable.get(codec)).contains(artifact);

      Serializer json = provider.serializers().stream().filter(s -> s.name().equals("json")).findFirst().orElseThrow();
      assertThat(new String(json.encode(Map.of("a", 1)), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}");
    }
  }
}
