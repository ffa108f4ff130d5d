package io.kombu.benchmarks.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code redis_bench.py} (Python Kombu: single publish, consume + ack with prefetch 100) and reads its one JSON
 * line.
 *
 * <p>Thread-safety: immutable; thread-safe.
 */
final class PythonKombuBench {
  /** What the script measured. */
  record Result(String kombuVersion, double singlePublishPerSecond, double consumeAckPerSecond) {}

  private final String python;
  private final Path script;

  PythonKombuBench(String python, Path script) {
    this.python = python;
    this.script = script;
  }

  Result run(String url, int messages) throws IOException, InterruptedException {
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("Python benchmark script not found at " + script.toAbsolutePath()
          + "; run from the repository root or pass --script=<path to redis_bench.py>");
    }
    Path out = Files.createTempFile("redis-bench-py", ".out");
    Path err = Files.createTempFile("redis-bench-py", ".err");
    try {
      Process p = new ProcessBuilder(List.of(python, script.toString(), url, Integer.toString(messages)))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("the Python benchmark did not finish within 10 minutes");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0 || stdout.isEmpty()) {
        throw new IllegalStateException("the Python benchmark failed (exit " + p.exitValue() + "): "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      String last = stdout.substring(stdout.lastIndexOf('\n') + 1);
      JsonNode json = new ObjectMapper().readTree(last);
      return new Result(json.get("kombu").asText(), json.get("single_publish_per_s").asDouble(),
          json.get("consume_ack_per_s").asDouble());
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
