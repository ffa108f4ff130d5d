package io.kombu.core;

import io.kombu.CompressionNotInstalledException;
import io.kombu.ConfigurationException;
import io.kombu.DecodeException;
import io.kombu.DecompressionLimitExceededException;
import io.kombu.EncodeException;
import io.kombu.KombuException;
import io.kombu.core.internal.discovery.SafeServiceLoader;
import io.kombu.spi.Compressor;
import io.kombu.spi.CompressorProvider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's compression registry: codecs found by name, alias or content type (case-insensitive), from {@link
 * CompressorProvider}s found with {@link java.util.ServiceLoader} ({@code kombu-compression} contributes zlib, bzip2, xz
 * and, when their libraries are present, zstd and brotli) or registered explicitly. Decompression is bounded by {@link
 * #maxDecompressedBytes()} so that a small hostile body cannot exhaust memory.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class CompressorRegistry {
  /** The default bound on a decompressed body: 64 MiB. */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 64L * 1024 * 1024;

  /** System property overriding {@link #DEFAULT_MAX_DECOMPRESSED_BYTES} (a number of bytes). */
  public static final String MAX_DECOMPRESSED_BYTES_PROPERTY = "kombu.compression.maxDecompressedBytes";

  private final Object lock = new Object();
  private volatile Map<String, Compressor> byKey = Map.of();
  private volatile Map<String, String> unavailable = Map.of();
  private volatile long maxDecompressedBytes = -1;

  private CompressorRegistry() {}

  /** @return the process-wide registry; its providers are loaded once with kombu-core's class loader */
  public static CompressorRegistry defaultRegistry() {
    return DefaultHolder.INSTANCE;
  }

  /**
   * @param loader the class loader ServiceLoader searches
   * @return a new, separate registry holding the providers that loader sees
   */
  public static CompressorRegistry load(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    CompressorRegistry registry = new CompressorRegistry();
    SafeServiceLoader.Loaded<CompressorProvider> loaded =
        SafeServiceLoader.load(CompressorProvider.class, loader, CompressorProvider::spiVersion);
    for (CompressorProvider provider : loaded.providers()) {
      try {
        Map<String, String> missing = provider.unavailable();
        List<Compressor> compressors = provider.compressors();
        synchronized (registry.lock) {
          Map<String, String> u = new HashMap<>(registry.unavailable);
          missing.forEach((k, v) -> u.put(key(k), v));
          registry.unavailable = Map.copyOf(u);
        }
        compressors.forEach(registry::register);
      } catch (RuntimeException | LinkageError e) {
        SafeServiceLoader.failure(CompressorProvider.class, provider, e);
      }
    }
    return registry;
  }

  /** @return an empty registry (no providers), for tests and fully explicit setups */
  public static CompressorRegistry empty() {
    return new CompressorRegistry();
  }

  /**
   * @param body the bytes to compress
   * @param nameOrContentType a codec name, alias or content type, e.g. {@code zlib}, {@code gzip}, {@code application/x-bz2}
   * @return the compressed bytes and the content type for the {@code compression} header
   * @throws CompressionNotInstalledException when no such codec is available
   * @throws EncodeException when the codec fails
   */
  public Compressed compress(byte[] body, String nameOrContentType) {
    Objects.requireNonNull(body, "body");
    Compressor c = require(nameOrContentType);
    try {
      return new Compressed(c.compress(body), c.contentType());
    } catch (KombuException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EncodeException("compression with " + c.name() + " failed: " + e, e);
    }
  }

  /**
   * Decompresses, bounded by {@link #maxDecompressedBytes()}.
   *
   * @param body compressed bytes
   * @param contentType the {@code compression} header (a name or alias works too)
   * @return the original bytes
   * @throws CompressionNotInstalledException when no such codec is available
   * @throws DecompressionLimitExceededException when the result would be larger than the bound
   * @throws DecodeException when the data is corrupt
   */
  public byte[] decompress(byte[] body, String contentType) {
    return decompress(body, contentType, maxDecompressedBytes());
  }

  /**
   * @param body compressed bytes
   * @param contentType the {@code compression} header (a name or alias works too)
   * @param maxDecompressedBytes the most bytes the result may have, at least 1
   * @return the original bytes
   * @throws CompressionNotInstalledException when no such codec is available
   * @throws DecompressionLimitExceededException when the result would be larger than the bound
   * @throws DecodeException when the data is corrupt
   */
  public byte[] decompress(byte[] body, String contentType, long maxDecompressedBytes) {
    Objects.requireNonNull(body, "body");
    if (maxDecompressedBytes < 1) {
      throw new IllegalArgumentException("maxDecompressedBytes must be at least 1, was " + maxDecompressedBytes);
    }
    Compressor c = require(contentType);
    byte[] out;
    try {
      out = c.decompress(body, maxDecompressedBytes);
    } catch (KombuException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DecodeException("could not decompress a body with " + c.name() + " (" + c.contentType() + "): " + e, e);
    }
    if (out.length > maxDecompressedBytes) {
      // A codec that ignored the bound still must not hand the oversized body on.
      throw new DecompressionLimitExceededException(limitMessage(c, maxDecompressedBytes));
    }
    return out;
  }

  /**
   * @return the bound on decompressed bodies: the value set with {@link #maxDecompressedBytes(long)}, else the system
   *     property {@value #MAX_DECOMPRESSED_BYTES_PROPERTY}, else {@link #DEFAULT_MAX_DECOMPRESSED_BYTES}
   * @throws ConfigurationException when the system property is not a positive number
   */
  public long maxDecompressedBytes() {
    long explicit = maxDecompressedBytes;
    if (explicit > 0) {
      return explicit;
    }
    String property = System.getProperty(MAX_DECOMPRESSED_BYTES_PROPERTY);
    if (property == null || property.isBlank()) {
      return DEFAULT_MAX_DECOMPRESSED_BYTES;
    }
    try {
      long value = Long.parseLong(property.trim());
      if (value < 1) {
        throw new NumberFormatException("not positive");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigurationException("system property " + MAX_DECOMPRESSED_BYTES_PROPERTY + "=\"" + property
          + "\" is not a positive number of bytes; fix it or remove it to use the default of "
          + DEFAULT_MAX_DECOMPRESSED_BYTES, e);
    }
  }

  /**
   * @param limit the most bytes a decompressed body may have, at least 1
   */
  public void maxDecompressedBytes(long limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("maxDecompressedBytes must be at least 1, was " + limit);
    }
    this.maxDecompressedBytes = limit;
  }

  /**
   * Registers a codec under its name, aliases and content type (case-insensitive), replacing earlier holders of those keys.
   *
   * @param compressor the codec
   */
  public void register(Compressor compressor) {
    Objects.requireNonNull(compressor, "compressor");
    Set<String> keys = new LinkedHashSet<>();
    keys.add(key(compressor.name()));
    keys.add(key(compressor.contentType()));
    compressor.aliases().forEach(a -> keys.add(key(a)));
    synchronized (lock) {
      Map<String, Compressor> m = new HashMap<>(byKey);
      keys.forEach(k -> m.put(k, compressor));
      byKey = Map.copyOf(m);
    }
  }

  /**
   * @param nameOrContentType a name, alias or content type, any case
   * @return the codec, if available
   */
  public Optional<Compressor> find(String nameOrContentType) {
    return Optional.ofNullable(byKey.get(key(Objects.requireNonNull(nameOrContentType, "nameOrContentType"))));
  }

  /** @return the content types of the available codecs, sorted */
  public Set<String> contentTypes() {
    return byKey.values().stream().map(Compressor::contentType).collect(Collectors.toCollection(TreeSet::new));
  }

  private Compressor require(String nameOrContentType) {
    Objects.requireNonNull(nameOrContentType, "nameOrContentType");
    Compressor c = byKey.get(key(nameOrContentType));
    if (c != null) {
      return c;
    }
    String reason = unavailable.get(key(nameOrContentType));
    if (reason != null) {
      throw new CompressionNotInstalledException("compression \"" + nameOrContentType + "\" is not available: " + reason);
    }
    String available = byKey.values().stream().distinct()
        .map(x -> x.contentType() + " (" + String.join(", ", new TreeSet<>(x.aliases())) + ")").sorted()
        .collect(Collectors.joining(", "));
    throw new CompressionNotInstalledException("no compression method \"" + nameOrContentType + "\" is installed; "
        + (available.isEmpty() ? "none are installed: add io.kombu:kombu-compression (kombu-bom manages its version)"
            : "available: " + available));
  }

  private static String limitMessage(Compressor c, long limit) {
    return "a body compressed with " + c.name() + " expands past " + limit + " bytes; refused. Raise the bound with "
        + "CompressorRegistry.maxDecompressedBytes(long) or -D" + MAX_DECOMPRESSED_BYTES_PROPERTY + " if it is legitimate";
  }

  private static String key(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * A compressed body.
   *
   * <p>Thread-safety: immutable reference; the array is shared, do not modify it.
   *
   * @param body the compressed bytes
   * @param contentType the value for the {@code compression} header
   */
  public record Compressed(byte[] body, String contentType) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Compressed c && contentType.equals(c.contentType) && Arrays.equals(body, c.body);
    }

    @Override
    public int hashCode() {
      return 31 * contentType.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return "Compressed[contentType=" + contentType + ", bytes=" + body.length + "]";
    }
  }

  private static final class DefaultHolder {
    static final CompressorRegistry INSTANCE = load(CompressorRegistry.class.getClassLoader());
  }
}
