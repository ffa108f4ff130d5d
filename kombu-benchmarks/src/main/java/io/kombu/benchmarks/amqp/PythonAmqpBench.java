package io.kombu.benchmarks.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import io.kombu.benchmarks.PythonScript;
import java.io.IOException;
import java.nio.file.Path;

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

  private final PythonScript script;

  PythonAmqpBench(String python, Path script) {
    this.script = new PythonScript(python, script);
  }

  Result run(String url, int messages, int prefetch, String queue) throws IOException, InterruptedException {
    JsonNode json = script.run(url, Integer.toString(messages), Integer.toString(prefetch), queue);
    double publishCpu = json.get("publish_cpu_ns").asDouble();
    double consumeCpu = json.get("consume_cpu_ns").asDouble();
    return new Result("Kombu " + json.get("kombu").asText() + " / py-amqp " + json.get("amqp").asText(),
        new Measurement(json.get("publish_per_s").asDouble(), publishCpu, publishCpu),
        new Measurement(json.get("consume_per_s").asDouble(), consumeCpu, consumeCpu));
  }
}
