package io.kombu.compression.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.compression.zlib.ZlibCompressor;
import io.kombu.spi.Compressor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CodecProbe")
class CodecProbeTest {
  private static final ClassLoader LOADER = CodecProbeTest.class.getClassLoader();

  private static CodecDescriptor descriptor(String libraryClass, java.util.function.Supplier<Compressor> factory) {
    return new CodecDescriptor("fake", "application/x-fake", Set.of("fake", "phony"), libraryClass, "org.example:fake", factory);
  }

  @Test
  @DisplayName("reports a library whose class is absent, without calling the factory")
  void absentLibrary() {
    CodecProbe.Result result = CodecProbe.probe(
        List.of(descriptor("org.example.fake.Missing", () -> {
          throw new AssertionError("factory must not run when the library is absent");
        })),
        LOADER);
    assertThat(result.available()).isEmpty();
    assertThat(result.unavailable())
        .containsOnlyKeys("fake", "phony", "application/x-fake")
        .containsValue("add org.example:fake to the class path");
  }

  @Test
  @DisplayName("reports a library whose native part fails to load, naming the platform and the error")
  void nativeLibraryFails() {
    CodecProbe.Result result = CodecProbe.probe(
        List.of(descriptor("java.lang.String", () -> {
          throw new UnsatisfiedLinkError("no fake-native in java.library.path");
        })),
        LOADER);
    assertThat(result.available()).isEmpty();
    assertThat(result.unavailable().get("application/x-fake"))
        .startsWith("add org.example:fake to the class path: it is present but failed to start on ")
        .contains(System.getProperty("os.arch"))
        .contains("UnsatisfiedLinkError: no fake-native in java.library.path");
  }

  @Test
  @DisplayName("refuses a codec whose round trip returns different bytes")
  void brokenRoundTrip() {
    Compressor liar = new Compressor() {
      @Override public String name() { return "fake"; }
      @Override public String contentType() { return "application/x-fake"; }
      @Override public Set<String> aliases() { return Set.of("fake"); }
      @Override public byte[] compress(byte[] data) { return data; }
      @Override public byte[] decompress(byte[] data, long max) { return new byte[0]; }
    };
    CodecProbe.Result result = CodecProbe.probe(List.of(descriptor("java.lang.String", () -> liar)), LOADER);
    assertThat(result.available()).isEmpty();
    assertThat(result.unavailable().get("fake")).contains("returned different bytes");
  }

  @Test
  @DisplayName("offers a codec that works, and keeps going after one that does not")
  void mixed() {
    CodecProbe.Result result = CodecProbe.probe(
        List.of(descriptor("org.example.fake.Missing", ZlibCompressor::new), KnownCodecs.all().get(0)), LOADER);
    assertThat(result.available()).extracting(Compressor::name).containsExactly("zlib");
    assertThat(result.unavailable()).containsOnlyKeys("fake", "phony", "application/x-fake");
  }
}
