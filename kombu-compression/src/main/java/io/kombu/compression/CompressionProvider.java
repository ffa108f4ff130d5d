package io.kombu.compression;

import io.kombu.compression.internal.CodecProbe;
import io.kombu.compression.internal.KnownCodecs;
import io.kombu.spi.Compressor;
import io.kombu.spi.CompressorProvider;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Offers Kombu's compression codecs to kombu-core's compressor registry (found with {@link java.util.ServiceLoader}):
 * zlib ({@code application/x-gzip}), bzip2, lzma/xz, zstd, brotli and snappy. Each codec other than zlib needs an
 * optional library; a codec whose library is missing, or whose native part does not load on this platform, is left out
 * of {@link #compressors()} and listed in {@link #unavailable()} with the artifact to add.
 *
 * <p>Construction is free: the libraries are probed on the first call to {@link #compressors()} or {@link
 * #unavailable()}, once.
 *
 * <p>Thread-safety: thread-safe; the probe runs at most once, and the codecs it returns are thread-safe.
 */
public final class CompressionProvider implements CompressorProvider {
  private volatile CodecProbe.@Nullable Result probed;

  /** Creates the provider without touching any codec library. */
  public CompressionProvider() {}

  @Override
  public List<Compressor> compressors() {
    return probe().available();
  }

  @Override
  public Map<String, String> unavailable() {
    return probe().unavailable();
  }

  private CodecProbe.Result probe() {
    CodecProbe.Result result = probed;
    if (result == null) {
      synchronized (this) {
        result = probed;
        if (result == null) {
          result = CodecProbe.probe(KnownCodecs.all(), CompressionProvider.class.getClassLoader());
          probed = result;
        }
      }
    }
    return result;
  }

  @Override
  public String toString() {
    return "CompressionProvider";
  }
}
