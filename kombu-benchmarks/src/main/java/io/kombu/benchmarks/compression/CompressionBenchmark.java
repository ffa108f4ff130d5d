package io.kombu.benchmarks.compression;

import io.kombu.compression.CompressionProvider;
import io.kombu.spi.Compressor;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Compress and decompress a JSON-like body of 1 KiB or 64 KiB with each codec at its default (Python-compatible) level,
 * as the provider offers it. A codec whose library is not on the benchmark's class path fails its trial with the
 * provider's advice instead of being silently skipped.
 *
 * <p>Thread-safety: JMH gives each thread its own state; the codecs themselves are thread-safe.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class CompressionBenchmark {
  /** Far above any body here: the limit must not be what is measured. */
  private static final long LIMIT = 64L * 1024 * 1024;

  private static final String[] WORDS = {
    "proj.tasks.add", "retries", "eta", "kwargs", "args", "queue", "routing_key", "priority", "correlation_id", "reply_to"
  };

  /** The codec's main name. */
  @Param({"zlib", "bzip2", "lzma", "zstd", "brotli", "snappy"})
  public String codec;

  /** Body size in bytes. */
  @Param({"1024", "65536"})
  public int size;

  private Compressor compressor;
  private byte[] body;
  private byte[] compressed;

  /** Picks the codec and builds the body and its compressed form. */
  @Setup(Level.Trial)
  public void setUp() {
    CompressionProvider provider = new CompressionProvider();
    compressor = provider.compressors().stream()
        .filter(c -> c.name().equals(codec))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("codec " + codec + " is not available here: "
            + provider.unavailable().getOrDefault(codec, "unknown codec name")));
    body = jsonLike(size);
    compressed = compressor.compress(body);
  }

  /** @return the compressed body */
  @Benchmark
  public byte[] compress() {
    return compressor.compress(body);
  }

  /** @return the decompressed body */
  @Benchmark
  public byte[] decompress() {
    return compressor.decompress(compressed, LIMIT);
  }

  static byte[] jsonLike(int bytes) {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder(bytes + 128);
    int id = 0;
    while (text.length() < bytes) {
      text.append("{\"id\": ").append(id++).append(", \"task\": \"").append(WORDS[random.nextInt(WORDS.length)])
          .append("\", \"args\": [").append(random.nextInt(100_000)).append(", ").append(random.nextInt(1000))
          .append("]}, ");
    }
    byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(utf8, bytes);
  }
}
