package io.kombu.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.spi.Compressor;
import io.kombu.spi.CompressorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;

/**
 * Loads kombu-compression's own classes in a fresh class loader that cannot see one codec library, as when a user
 * leaves that optional dependency out, and checks what the provider then reports.
 */
@DisplayName("With one codec library missing from the class path, CompressionProvider")
class MissingLibraryTest {

  /** Child-first for kombu-compression's main classes; a package prefix it hides behaves as if its jar were absent. */
  static final class HidingClassLoader extends URLClassLoader {
    private final String hiddenPrefix;

    HidingClassLoader(String hiddenPrefix) {
      super(new URL[] {mainClasses()}, MissingLibraryTest.class.getClassLoader());
      this.hiddenPrefix = hiddenPrefix;
    }

    private static URL mainClasses() {
      return CompressionProvider.class.getProtectionDomain().getCodeSource().getLocation();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (name.startsWith(hiddenPrefix)) {
          throw new ClassNotFoundException(name + " is hidden by the test");
        }
        if (name.startsWith("io.kombu.compression.")) {
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

  private static CompressorProvider providerWithout(HidingClassLoader loader) throws ReflectiveOperationException {
    Class<?> type = loader.loadClass(CompressionProvider.class.getName());
    assertThat(type.getClassLoader()).as("provider loaded in the isolated loader").isSameAs(loader);
    return (CompressorProvider) type.getConstructor().newInstance();
  }

  @ParameterizedTest(name = "{0} hidden")
  @CsvSource(
      delimiter = '|',
      value = {
        "com.github.luben.zstd.       | zstd   | zstd, zstandard, application/zstd       | add com.github.luben:zstd-jni to the class path",
        "org.apache.commons.compress. | bzip2  | bzip2, bzip, application/x-bz2          | add org.apache.commons:commons-compress to the class path",
        "org.tukaani.xz.              | lzma   | lzma, xz, application/x-lzma            | add org.tukaani:xz to the class path",
        "com.aayushatharva.brotli4j.  | brotli | brotli, application/x-brotli            | add com.aayushatharva.brotli4j:brotli4j (with its native jar for this platform) to the class path",
        "org.xerial.snappy.           | snappy | snappy, application/x-snappy            | add org.xerial.snappy:snappy-java to the class path"
      })
  @DisplayName("leaves that codec out and names the artifact under every alias and the content type")
  void reportsMissingLibrary(String hiddenPrefix, String codec, String keys, String advice) throws Exception {
    try (HidingClassLoader loader = new HidingClassLoader(hiddenPrefix)) {
      CompressorProvider provider = providerWithout(loader);

      List<String> offered = provider.compressors().stream().map(Compressor::name).collect(Collectors.toList());
      assertThat(offered).hasSize(5).doesNotContain(codec).contains("zlib");

      Set<String> expectedKeys = Set.of(keys.split(",\\s*"));
      Map<String, String> unavailable = provider.unavailable();
      assertThat(unavailable.keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys);
      assertThat(unavailable.values()).containsOnly(advice);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0} hidden")
  @CsvSource({"com.github.luben.zstd.", "org.tukaani.xz."})
  @DisplayName("still compresses and decompresses with the codecs that remain")
  void remainingCodecsWork(String hiddenPrefix) throws Exception {
    try (HidingClassLoader loader = new HidingClassLoader(hiddenPrefix)) {
      for (Compressor c : providerWithout(loader).compressors()) {
        byte[] body = TestBodies.small();
        assertThat(c.decompress(c.compress(body), 1024)).as(c.name()).isEqualTo(body);
      }
    }
  }
}
