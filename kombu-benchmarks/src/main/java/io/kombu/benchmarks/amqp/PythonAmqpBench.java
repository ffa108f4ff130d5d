package io.kombu.benchmarks.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code amqp_bench.py} (Python Kombu on py-amqp: persistent publish, consume + ack) and reads its one JSON line.
 *
 * <p>Thread-safety: immutable; thread-safe.
 */
final class PythonAmqpBench {
  /**
   * What the script measured; Python's CPU is its whole process ({@code time.process_time}).
   *
   * @param version Kombu and py-amqp versions
   * @param publish persistent publish
   * @param consumeAck consume + ack
   */
  record Result(String version, Measurement publish, Measurement consumeAck) {}

  private final String python;
  private final Path script;

  PythonAmqpBench(String python, Path script) {
    this.python = python;
    this.script = script;
  }

  Result run(String url, int messages, int prefetch, String queue) throws IOException, InterruptedException {
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("Python benchmark script not found at " + script.toAbsolutePath()
          + "; run from the repository root or pass --script=<path to amqp_bench.py>");
    }
    Path out = Files.createTempFile("amqp-bench-py", ".out");
    Path err = Files.createTempFile("amqp-bench-py", ".err");
    try {
      Process p = new ProcessBuilder(List.of(python, script.toString(), url, Integer.toString(messages),
          Integer.toString(prefetch), queue)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("the Python benchmark did not finish within 10 minutes");
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8).trim();
      if (p.exitValue() != 0 || stdout.isEmpty()) {
        throw new IllegalStateException("the Python benchmark failed (exit " + p.exitValue() + "): "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      JsonNode json = new ObjectMapper().readTree(stdout.substring(stdout.lastIndexOf('\n') + 1));
      double publishCpu = json.get("publish_cpu_ns").asDouble();
      double consumeCpu = json.get("consume_cpu_ns").asDouble();
      return new Result("Kombu " + json.get("kombu").asText() + " / py-amqp " + json.get("amqp").asText(),
          new Measurement(json.get("publish_per_s").asDouble(), publishCpu, publishCpu),
          new Measurement(json.get("consume_per_s").asDouble(), consumeCpu, consumeCpu));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
