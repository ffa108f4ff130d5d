package io.kombu.core.registry;

import io.kombu.spi.Compressor;
import io.kombu.spi.CompressorProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Contributes a test codec and reports zstd unavailable, as kombu-compression does without zstd-jni. */
public final class TestCompressorProvider implements CompressorProvider {
  /** Creates it. */
  public TestCompressorProvider() {}

  @Override
  public List<Compressor> compressors() {
    return List.of(TestCompressors.deflate("tdeflate", "application/x-test-deflate", Set.of("td"), false));
  }

  @Override
  public Map<String, String> unavailable() {
    String fix = "add com.github.luben:zstd-jni to the class path";
    return Map.of("zstd", fix, "zstandard", fix, "application/zstd", fix);
  }
}
