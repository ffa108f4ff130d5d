package io.kombu.benchmarks.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.kombu.benchmarks.PythonScript;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs {@code redis_bench.py} (Python Kombu: single publish, consume + ack with prefetch 100) and reads its one JSON
 * line.
 *
 * <p>Thread-safety: immutable; thread-safe.
 */
final class PythonKombuBench {
  /** What the script measured. */
  record Result(String kombuVersion, double singlePublishPerSecond, double consumeAckPerSecond) {}

  private final PythonScript script;

  PythonKombuBench(String python, Path script) {
    this.script = new PythonScript(python, script);
  }

  Result run(String url, int messages) throws IOException, InterruptedException {
    JsonNode json = script.run(url, Integer.toString(messages));
    return new Result(json.get("kombu").asText(), json.get("single_publish_per_s").asDouble(),
        json.get("consume_ack_per_s").asDouble());
  }
}
